import { Global, Module } from '@nestjs/common';
import { AgentNotifier } from './agent-notifier.js';
import { AgentGateway } from './agent.gateway.js';

@Global()
@Module({ providers: [AgentGateway, AgentNotifier], exports: [AgentNotifier] })
export class RealtimeModule {}
