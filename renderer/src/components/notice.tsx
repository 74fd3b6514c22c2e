import type { ReactNode } from 'react';

interface NoticeProps {
  tone: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children?: ReactNode;
  /** Buttons placed at the end of the notice. */
  actions?: ReactNode;
}

/** A message in context: errors are announced to screen readers as they appear. */
export function Notice({ tone, title, children, actions }: NoticeProps) {
  return (
    <div
      className={`notice notice--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={`notice-${tone}`}
    >
      <div className="notice__text">
        {title ? <p className="notice__title">{title}</p> : null}
        {children ? <div className="notice__body">{children}</div> : null}
      </div>
      {actions ? <div className="notice__actions">{actions}</div> : null}
    </div>
  );
}

/** The error message a call came back with, as it is. */
export function ErrorNotice({
  title,
  message,
  actions,
}: {
  title?: string;
  message: string;
  actions?: ReactNode;
}) {
  return (
    <Notice tone="error" title={title ?? message} actions={actions}>
      {title ? message : null}
    </Notice>
  );
}
