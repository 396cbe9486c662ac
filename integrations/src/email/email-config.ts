export type SmtpConfig = {
  host: string;
  port: number;
  /** true for implicit TLS (465); false uses STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** Refuse to send without STARTTLS (recommended on 587). */
  requireTLS?: boolean;
  /** Never upgrade with STARTTLS (local relays, tests). */
  ignoreTLS?: boolean;
};

export type ImapConfig = {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; pass: string };
  /** Defaults to INBOX. */
  mailbox?: string;
  /** Plain-text IMAP without STARTTLS (local servers, tests). */
  disableStartTls?: boolean;
};

export type EmailConfig = {
  /** The centre's mailbox address used as From. */
  fromAddress: string;
  fromName?: string;
  /** Right-hand side of generated Message-IDs, e.g. "crm.example.com". */
  messageIdDomain: string;
  smtp: SmtpConfig;
  imap?: ImapConfig;
  /**
   * Optional: accept raw RFC 822 messages POSTed by a mail relay (e.g. a Postfix pipe) when the
   * X-Inbound-Email-Secret header carries this value. Without it, e-mail arrives only by IMAP polling.
   */
  inboundRelaySecret?: string;
};
