/** Without API keys the gateway serves one local tenant: only on loopback, unless explicitly allowed. */
import { type Config } from '../config.ts';
import { ConfigError } from '../config.ts';

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

export function assertSafeBinding(
  config: Pick<Config, 'host' | 'apiKeys' | 'apiKeysFile' | 'allowAnonymous'>,
): void {
  const keyed = Boolean(config.apiKeys || config.apiKeysFile);
  if (!keyed && !LOOPBACK.includes(config.host) && !config.allowAnonymous) {
    throw new ConfigError(
      `HOST=${config.host} is not loopback and no API keys are configured: set ATELIER_API_KEYS (or ATELIER_API_KEYS_FILE), or ATELIER_ALLOW_ANONYMOUS=1 to serve everyone as one tenant`,
    );
  }
}
