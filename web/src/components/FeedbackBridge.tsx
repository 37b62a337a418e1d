import { App } from 'antd';
import { useEffect } from 'react';
import { bindMessageApi } from '../lib/feedback';

export function FeedbackBridge() {
  const { message } = App.useApp();
  useEffect(() => {
    bindMessageApi(message);
    return () => bindMessageApi(null);
  }, [message]);
  return null;
}
