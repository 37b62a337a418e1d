import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter } from 'react-router-dom';
import { AppRoutes } from './AppRoutes';
import { queryClient } from './api/queryClient';
import { FeedbackBridge } from './components/FeedbackBridge';
import { I18nProvider } from './i18n/I18nProvider';
import { useT } from './i18n/useT';

function LocalizedApp() {
  const { lang } = useT();
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS}>
      <AntApp style={{ height: '100%' }}>
        <FeedbackBridge />
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <LocalizedApp />
      </QueryClientProvider>
    </I18nProvider>
  );
}
