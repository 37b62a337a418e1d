/**
 * PAY-6 (000 §68–69): the e-invoice service (电子发票服务平台) behind an interface. The local simulator numbers
 * e-invoices itself (a 12-digit code and an 8-digit number a year, as the tax bureau's platform would) and serves the
 * document from Hearth (`/api/invoices/{id}/document`, rendered by platform/print); voiding answers a red-letter
 * credit note (红字发票) number. A real provider implements the same two calls over its API.
 */
import type { Tx } from '../../db/types.js';
import * as repo from './repo.js';

export interface EInvoiceRequest {
  companyId: string;
  /** Hearth's invoice id (the provider's idempotency key). */
  invoiceId: string;
  issuedOn: string;
  buyer: { title: string; taxNo: string | null; email: string | null };
  amount: string;
  taxRate: string;
  netAmount: string;
  taxAmount: string;
  item: string;
}

export interface EInvoiceIssued {
  code: string;
  invoiceNo: string;
  /** Where the customer gets the document (PDF). */
  url: string;
}

export interface EInvoiceService {
  issue(tx: Tx, request: EInvoiceRequest): Promise<EInvoiceIssued>;
  /** Voids an e-invoice by a red-letter credit note; answers its number. */
  void(tx: Tx, v: { companyId: string; code: string; invoiceNo: string; reason: string }): Promise<{ redNo: string }>;
}

/** The working local simulator (the default). */
export class LocalEInvoiceSimulator implements EInvoiceService {
  async issue(tx: Tx, r: EInvoiceRequest): Promise<EInvoiceIssued> {
    const year = Number(r.issuedOn.slice(0, 4));
    const n = await repo.nextSimNumber(tx, r.companyId, year);
    return {
      // 0 + province 37 + year + 0 + kind 1 + batch 1 + 00: a 12-digit code of the year.
      code: `037${String(year).slice(2)}0011100`.slice(0, 12),
      invoiceNo: String(n).padStart(8, '0'),
      url: `/api/invoices/${r.invoiceId}/document?format=pdf`,
    };
  }

  async void(tx: Tx, v: { companyId: string; code: string; invoiceNo: string; reason: string }) {
    const n = await repo.nextSimNumber(tx, v.companyId, new Date().getUTCFullYear());
    return { redNo: `H${String(n).padStart(8, '0')}` };
  }
}

let current: EInvoiceService = new LocalEInvoiceSimulator();

export function eInvoiceService(): EInvoiceService {
  return current;
}

/** Tests and deployments plug in another provider. */
export function setEInvoiceService(service: EInvoiceService): void {
  current = service;
}
