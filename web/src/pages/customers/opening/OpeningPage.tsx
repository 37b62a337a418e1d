import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Col, Form, Result, Row, Skeleton, Space } from 'antd';
import { useState } from 'react';
import {
  applicationsKey,
  type FormOptions,
  getFormOptions,
  openAccount,
  openingsKey,
  type ServiceApplication,
} from '../../../api/openings';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { PageCard } from '../../../components/PageCard';
import { useT } from '../../../i18n/useT';
import { errorText } from '../../../lib/feedback';
import { AppliancesSection } from './AppliancesSection';
import { ApplicantSection } from './ApplicantSection';
import { ApplicationSection } from './ApplicationSection';
import { FeeQuoteCard } from './FeeQuoteCard';
import { applyFieldErrors, initialValues, type OpeningForm, toBody } from './formModel';
import { HouseholdsSection } from './HouseholdsSection';
import { MeteringSection } from './MeteringSection';
import { OpeningDone } from './OpeningDone';
import { PremiseSection } from './PremiseSection';

function OpeningFormView({ options, onSaved }: { options: FormOptions; onSaved: (a: ServiceApplication) => void }) {
  const { t } = useT();
  const [form] = Form.useForm<OpeningForm>();
  const queryClient = useQueryClient();
  const mode = Form.useWatch('mode', form);
  const save = useMutation({
    mutationFn: (values: OpeningForm) => openAccount(toBody(values)),
    // Shown on the fields and in the alert beside the save button.
    meta: { handlesErrors: true },
    onSuccess: ({ application }) => {
      void queryClient.invalidateQueries({ queryKey: applicationsKey });
      onSaved(application);
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  const natures = options.usageNatures;
  const initial = initialValues(options.today);
  const residential = natures.find((n) => n.customerKind === 'residential' && n.commodity === 'gas');

  return (
    <Form<OpeningForm>
      form={form}
      layout="vertical"
      validateTrigger="onChange"
      initialValues={{
        ...initial,
        usageNature: residential?.code,
        applicant: { ...initial.applicant!, kind: residential?.customerKind ?? 'residential' },
      }}
      onFinish={(values) => save.mutate(values)}
      onValuesChange={() => save.error && save.reset()}
      scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
      data-testid="opening-form"
    >
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ApplicationSection today={options.today} lostDate={options.lostFeeInvoiceDate} />
            <ApplicantSection />
            <PremiseSection />
            <MeteringSection natures={natures} />
            {mode === 'collective' && <HouseholdsSection />}
            <AppliancesSection />
          </Space>
        </Col>
        <Col xs={24} xl={7}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <FeeQuoteCard />
              <FormErrorAlert error={save.error} />
              <Button
                type="primary"
                size="large"
                block
                htmlType="submit"
                loading={save.isPending}
                data-testid="op-submit"
              >
                {t('opening.action.save')}
              </Button>
            </Space>
          </div>
        </Col>
      </Row>
    </Form>
  );
}

/** 报装受理 (CUS-7, CUS-8): the opening form; saving opens pending accounts and a pending installation application. */
export function OpeningPage() {
  const { t } = useT();
  const [saved, setSaved] = useState<ServiceApplication | null>(null);
  const [round, setRound] = useState(0);
  const options = useQuery({ queryKey: [...openingsKey, 'form-options'], queryFn: getFormOptions });
  return (
    <PageCard title={t('menu.accountOpening')}>
      {saved ? (
        <OpeningDone
          application={saved}
          onNext={() => {
            setSaved(null);
            setRound((r) => r + 1);
          }}
        />
      ) : options.isPending ? (
        <Skeleton active />
      ) : options.isError ? (
        <Result status="error" title={errorText(options.error)} />
      ) : (
        <OpeningFormView key={round} options={options.data} onSaved={setSaved} />
      )}
    </PageCard>
  );
}
