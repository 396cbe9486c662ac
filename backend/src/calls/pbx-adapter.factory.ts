import { Injectable } from '@nestjs/common';
import { createTelephonyAdapter } from '@consult-crm/telephony';
import { ConfigurationError, type AppConfig } from '../config/app-config.js';
import type { PbxAdapter } from './call-event.js';
import { DEFAULT_CLOUD_PBX_MAPPING } from './cloud-pbx-mapping.js';

/** Public base URL Twilio calls back (PUBLIC_URL), for TwiML and status callback addresses. */
export function publicBaseUrl(config: AppConfig): string {
  return (config.http.publicUrl ?? `http://localhost:${config.http.port}`).replace(/\/$/, '');
}

/** Builds the configured @consult-crm/telephony adapter from the backend's typed config. */
@Injectable()
export class PbxAdapterFactory {
  create(config: AppConfig): PbxAdapter | null {
    const t = config.telephony;
    switch (t.adapter) {
      case 'none':
        return null;
      case 'asterisk':
        if (!t.ami.secret)
          throw new ConfigurationError(
            'TELEPHONY_ADAPTER=asterisk needs AMI_SECRET (and AMI_HOST, AMI_PORT, AMI_USERNAME).',
          );
        return createTelephonyAdapter({
          adapter: 'asterisk',
          host: t.ami.host,
          port: t.ami.port,
          username: t.ami.username,
          secret: t.ami.secret,
          originateContext: t.ami.originateContext,
        });
      case 'twilio': {
        if (!t.twilio.accountSid || !t.twilio.authToken)
          throw new ConfigurationError(
            'TELEPHONY_ADAPTER=twilio needs TWILIO_VOICE_ACCOUNT_SID and TWILIO_VOICE_AUTH_TOKEN.',
          );
        const base = publicBaseUrl(config);
        return createTelephonyAdapter({
          adapter: 'twilio',
          accountSid: t.twilio.accountSid,
          authToken: t.twilio.authToken,
          callerId: t.twilio.callerId ?? '',
          agentAddressTemplate: t.twilio.agentAddress,
          originateTwimlUrl: `${base}/api/telephony/twilio/bridge`,
          statusCallbackUrl: `${base}/api/telephony/twilio/status`,
          apiBaseUrl: t.twilio.apiUrl,
        });
      }
      case 'cloud-pbx': {
        if (!t.cloudPbx.webhookSecret)
          throw new ConfigurationError('TELEPHONY_ADAPTER=cloud-pbx needs CLOUD_PBX_WEBHOOK_SECRET.');
        let override: Partial<typeof DEFAULT_CLOUD_PBX_MAPPING> = {};
        try {
          override = t.cloudPbx.mappingJson ? (JSON.parse(t.cloudPbx.mappingJson) as typeof override) : {};
        } catch {
          throw new ConfigurationError('CLOUD_PBX_MAPPING is not valid JSON.');
        }
        return createTelephonyAdapter({
          adapter: 'cloud-pbx',
          name: t.cloudPbx.name,
          signature: { header: t.cloudPbx.signatureHeader, secret: t.cloudPbx.webhookSecret },
          ...DEFAULT_CLOUD_PBX_MAPPING,
          ...override,
          fields: { ...DEFAULT_CLOUD_PBX_MAPPING.fields, ...override.fields },
          originate: t.cloudPbx.apiUrl
            ? {
                url: t.cloudPbx.apiUrl,
                headers: t.cloudPbx.apiToken ? { authorization: `Bearer ${t.cloudPbx.apiToken}` } : {},
                callIdPath: 'call_id',
              }
            : undefined,
        });
      }
    }
  }
}
