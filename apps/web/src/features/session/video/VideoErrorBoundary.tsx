import { Component, type ReactNode } from "react";

/**
 * If the video code itself throws (or its chunk fails to load), only the video is lost: the
 * boundary reports a failure and the session page carries on.
 */
export class VideoErrorBoundary extends Component<
  { onError: () => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error("Video failed", error);
    this.props.onError();
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
