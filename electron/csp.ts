/**
 * The content security policy of every page the app serves. Nothing remote may load or be
 * reached: the renderer has no network (the main process sends to Cadent), so a script that
 * got in through a crafted CSV cell would have nowhere to send what it read.
 */

/** Each directive and its sources; no 'unsafe-inline', no 'unsafe-eval', no remote origin. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // data: for the small images Vite inlines into the bundle.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The renderer talks to the main process over IPC only, never over fetch or a socket.
  'connect-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The policy as one header value. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');
