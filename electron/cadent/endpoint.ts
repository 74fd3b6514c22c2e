/**
 * Checks the endpoint a user typed. The API key travels in a header, so plain http is
 * accepted only for this machine (the sandbox, a local proxy), never across a network.
 */
export function parseEndpoint(
  input: string,
): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: `"${input}" is not a URL (expected https://…)` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `the endpoint must start with https:// (got ${url.protocol})` };
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return {
      ok: false,
      message: 'the endpoint must use https:// (plain http is allowed only for this machine)',
    };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'the endpoint must not contain a user name or password' };
  }
  if (url.search || url.hash) {
    return { ok: false, message: 'the endpoint must not contain a query or fragment' };
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return { ok: true, url };
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}
