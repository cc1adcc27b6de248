import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useT } from '../state/localeStore.ts';

interface ErrorBoundaryProps {
  /** What failed, for the message: e.g. "the 3D view". */
  readonly what: string;
  readonly children: ReactNode;
  readonly onRetry?: () => void;
  readonly onError?: (error: Error) => void;
  /** Turns the error into the message shown (default: the error's own message). */
  readonly describe?: (error: Error) => string;
}

/** The message in the UI language (a function component, for the locale hook). */
export function ErrorMessage({
  what,
  message,
  onRetry,
}: {
  what: string;
  message: string;
  onRetry: () => void;
}) {
  const { t } = useT();
  return (
    <div className="error-panel" role="alert">
      <h2>{t('ui.error.title', { what })}</h2>
      <p className="error-message">{message}</p>
      <p>{t('ui.error.keepText')}</p>
      <button type="button" onClick={onRetry}>
        {t('ui.retry')}
      </button>
    </div>
  );
}

interface ErrorBoundaryState {
  readonly error: Error | null;
}

/** Catches a failure below it and shows a clear message with a way on, instead of a blank page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Footwork: ${this.props.what} failed`, error, info.componentStack);
    this.props.onError?.(error);
  }

  private readonly retry = (): void => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorMessage
        what={this.props.what}
        message={this.props.describe ? this.props.describe(error) : error.message}
        onRetry={this.retry}
      />
    );
  }
}
