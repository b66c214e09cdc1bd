import type { App } from '../app';
import { SESSION_COOKIE } from '../auth/session-cookie';

/** The app answers as it would a browser: same-origin requests with a session cookie, in process. */
export class InProcessClient {
  static readonly ORIGIN = 'http://localhost';

  constructor(
    private readonly app: App,
    private readonly token: string,
  ) {}

  /** Sends a request; answers the parsed JSON body, or throws with the server's error text. */
  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.app.request(`${InProcessClient.ORIGIN}${path}`, {
      method,
      headers: {
        cookie: `${SESSION_COOKIE}=${this.token}`,
        ...(method === 'GET' ? {} : { origin: InProcessClient.ORIGIN }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
