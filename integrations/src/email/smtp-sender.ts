import nodemailer, { type Transporter } from 'nodemailer';
import type { OutboundMessage } from '../channel-adapter.js';
import type { EmailConfig } from './email-config.js';
import { newMessageId, referencesForReply } from './message-id.js';

/** Sends replies over SMTP with threading headers (Message-ID, In-Reply-To, References). */
export class SmtpSender {
  private readonly transport: Transporter;

  constructor(private readonly config: EmailConfig) {
    const { smtp } = config;
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.auth ? { auth: smtp.auth } : {}),
      ...(smtp.requireTLS ? { requireTLS: true } : {}),
      ...(smtp.ignoreTLS ? { ignoreTLS: true } : {}),
    });
  }

  /** Returns the Message-ID (angle brackets included), the providerMessageId of e-mail. */
  async send(msg: OutboundMessage): Promise<string> {
    const messageId = newMessageId(this.config.messageIdDomain);
    const references = referencesForReply(msg.references, msg.inReplyTo);
    await this.transport.sendMail({
      from: this.config.fromName
        ? { name: this.config.fromName, address: this.config.fromAddress }
        : this.config.fromAddress,
      to: msg.to,
      subject: msg.subject ?? '',
      ...(msg.text !== undefined ? { text: msg.text } : {}),
      ...(msg.html !== undefined ? { html: msg.html } : {}),
      messageId,
      ...(msg.inReplyTo ? { inReplyTo: msg.inReplyTo } : {}),
      ...(references.length > 0 ? { references } : {}),
      ...(msg.headers && Object.keys(msg.headers).length > 0 ? { headers: msg.headers } : {}),
      attachments: (msg.attachments ?? []).map((attachment) => ({
        ...(attachment.fileName ? { filename: attachment.fileName } : {}),
        ...(attachment.mimeType ? { contentType: attachment.mimeType } : {}),
        ...(attachment.content ? { content: attachment.content } : { path: remoteAttachmentUrl(attachment.url) }),
      })),
    });
    return messageId;
  }

  close(): void {
    this.transport.close();
  }
}

/** nodemailer reads `path` from disk too; only http(s) URLs may come from outside. */
function remoteAttachmentUrl(url: string | undefined): string {
  if (!url || !/^https?:\/\//i.test(url)) {
    throw new Error('E-mail attachments need content or an http(s) URL');
  }
  return url;
}
