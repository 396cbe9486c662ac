import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { RedisConnections } from '../redis/redis.module.js';

/** Socket.IO over the Redis adapter, so any API node can reach a desk connected to another node. */
export class RedisIoAdapter extends IoAdapter {
  constructor(private readonly appContext: INestApplicationContext) {
    super(appContext);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, options);
    const redis = this.appContext.get(RedisConnections);
    server.adapter(createAdapter(redis.create('socket.io:pub'), redis.create('socket.io:sub')));
    return server;
  }
}
