import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { WIDGET_SCRIPTS } from './webchat.controller.js';

/**
 * Serves `GET /widget/chat.js` and `GET /widget/lead-form.js` outside the /api prefix, readable by any page
 * (cross-origin resource policy relaxed for these two files only).
 */
@Injectable()
export class WidgetScripts implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const http = this.host.httpAdapter;
    if (!http) return;
    for (const [name, source] of Object.entries(WIDGET_SCRIPTS))
      http.get(`/widget/${name}`, (_req: Request, res: Response) => {
        res.setHeader('content-type', 'application/javascript; charset=utf-8');
        res.setHeader('cross-origin-resource-policy', 'cross-origin');
        res.setHeader('access-control-allow-origin', '*');
        res.setHeader('cache-control', 'public, max-age=300');
        res.send(source);
      });
  }
}
