import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '../../../../server/http/client-address';

describe('the client address', () => {
  it('is the socket peer, ignoring X-Forwarded-For, unless the proxy is trusted', () => {
    expect(clientAddressOf('10.0.0.2', '203.0.113.7', false)).toBe('10.0.0.2');
    expect(clientAddressOf(undefined, '203.0.113.7', false)).toBe('unknown');
  });

  it('behind a trusted proxy is the right-most X-Forwarded-For entry, the one the proxy appended', () => {
    expect(clientAddressOf('10.0.0.2', '203.0.113.7', true)).toBe('203.0.113.7');
    // The client sent "198.51.100.1, 192.0.2.9" itself; only the last entry is the proxy's word.
    expect(clientAddressOf('10.0.0.2', '198.51.100.1, 192.0.2.9,203.0.113.7', true)).toBe('203.0.113.7');
    expect(clientAddressOf('10.0.0.2', '2001:db8::1', true)).toBe('2001:db8::1');
  });

  it('falls back to the socket peer when a trusted proxy sent no usable entry', () => {
    expect(clientAddressOf('10.0.0.2', undefined, true)).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', '', true)).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', '203.0.113.7, not-an-address', true)).toBe('10.0.0.2');
    expect(clientAddressOf('10.0.0.2', '203.0.113.7, ', true)).toBe('10.0.0.2');
  });
});
