import { Result } from 'antd';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth } from './auth/RequireAuth';
import { RequirePermission } from './auth/RequirePermission';
import { useT } from './i18n/useT';
import { AppLayout } from './layout/AppLayout';
import { changePasswordPage, homePage, modules, type PageDef } from './navigation';
import { LoginPage } from './pages/login/LoginPage';
import { PublicEInvoicePage } from './pages/payments/invoices/PublicEInvoicePage';

function NotFound() {
  const { t } = useT();
  return <Result status="404" title="404" subTitle={t('error.notFound')} />;
}

function pageElement({ anyOf, Component }: PageDef) {
  return (
    <RequirePermission anyOf={anyOf}>
      <Component />
    </RequirePermission>
  );
}

export function AppRoutes() {
  const pages = [homePage, changePasswordPage, ...modules.flatMap((m) => m.pages)];
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/e-invoice/:token" element={<PublicEInvoicePage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        {pages.map((page) => (
          <Route key={page.path} path={page.path} element={pageElement(page)} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
