import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EncryptedConfig } from './conversations.schema.js';

/** AES-256-GCM for channel secrets at rest: a fresh IV per value, the tag authenticates it. */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The key from SECRETS_KEY (hex or base64); without one, a key generated once and kept in DATA_DIR/secrets.key. */
  static fromConfig(secretsKey: string | undefined, dataDir: string): SecretBox {
    if (secretsKey) return new SecretBox(decodeKey(secretsKey));
    if (dataDir === 'memory://') return new SecretBox(randomBytes(32));
    const file = join(dataDir, 'secrets.key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return new SecretBox(decodeKey(readFileSync(file, 'utf8').trim()));
  }

  /** A key for another purpose (signing web-chat visitor ids…), derived so SECRETS_KEY is never used twice. */
  derive(label: string): Buffer {
    return createHmac('sha256', this.key).update(`consult-crm:${label}`).digest();
  }

  seal(value: unknown): EncryptedConfig {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return {
      v: 1,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  open<T = unknown>(sealed: EncryptedConfig): T {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  }
}

function decodeKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('SECRETS_KEY must be 32 bytes (64 hex characters or base64)');
  return key;
}
