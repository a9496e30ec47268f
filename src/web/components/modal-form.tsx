// The dialog every form-in-a-modal uses: OK submits the form (so its rules run first), the OK
// button carries the test id and the busy spinner, an optional help line and error sit above the
// fields. `useSubmit` is the usual submit: call the API, toast success, close; show the error.
import { useState, type ReactNode } from 'react';
import { App, Form, Modal, Typography, type FormInstance, type FormProps } from 'antd';
import { ErrorAlert, useNotifyError } from './api-error';

export interface ModalFormProps<T> {
  form: FormInstance<T>;
  title: ReactNode;
  okText: ReactNode;
  /** `data-testid` of the OK button. */
  okTestId: string;
  onCancel: () => void;
  onFinish: (values: T) => unknown;
  initialValues?: FormProps<T>['initialValues'];
  busy?: boolean;
  danger?: boolean;
  okDisabled?: boolean;
  width?: number;
  /** A secondary paragraph above the fields. */
  help?: ReactNode;
  /** Shown as an error alert above the fields. */
  error?: unknown;
  errorTestId?: string;
  children: ReactNode;
}

export function ModalForm<T>({
  form,
  title,
  okText,
  okTestId,
  onCancel,
  onFinish,
  initialValues,
  busy = false,
  danger,
  okDisabled,
  width,
  help,
  error,
  errorTestId,
  children,
}: ModalFormProps<T>) {
  return (
    <Modal
      open
      width={width}
      title={title}
      onCancel={onCancel}
      destroyOnHidden
      okText={okText}
      okButtonProps={{ 'data-testid': okTestId, danger, disabled: okDisabled }}
      confirmLoading={busy}
      onOk={() => form.submit()}
    >
      {help ? <Typography.Paragraph type="secondary">{help}</Typography.Paragraph> : null}
      <ErrorAlert error={error} testId={errorTestId} />
      <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void onFinish(v)}>
        {children}
      </Form>
    </Modal>
  );
}

export interface Submit<T> {
  busy: boolean;
  /** The last failure, when errors are shown in the dialog (not toasted). */
  error: unknown;
  run: (values: T) => Promise<void>;
}

/**
 * Runs `work` with a busy flag; on success a toast of `success` and `onDone()`; on failure the
 * error is kept for an inline alert, or toasted when `toastErrors` (the dialog stays open either way).
 */
export function useSubmit<T>(work: (values: T) => Promise<unknown>, opts: { success: string; onDone: () => void; toastErrors?: boolean }): Submit<T> {
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await work(values);
      void message.success(opts.success);
      opts.onDone();
    } catch (err) {
      if (opts.toastErrors) notifyError(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
