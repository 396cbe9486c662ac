import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import type { PbxAdapter } from './telephony-adapter-port.js';

/** Builds the configured @consult-crm/telephony adapter (the one place the backend names the package's factory). */
@Injectable()
export class PbxAdapterFactory {
  create(config: AppConfig): PbxAdapter | null {
    void config;
    return null;
  }
}
