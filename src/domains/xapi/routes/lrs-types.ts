// The shapes shared by the LRS's HTTP layer (lrs.ts) and its resources (lrs-*.ts).
import type { Ctx } from '../../../platform/http/registry.ts';
import type { LrsClient } from '../service/clients.ts';
import type { LrsResponse } from '../service/documents.ts';

/** One LRS request after the alternate syntax is unfolded. */
export interface LrsRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  head: boolean;
  params: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  contentType: string;
  body: Buffer;
  client: LrsClient;
  ctx: Ctx<unknown, unknown, unknown>;
}

export type ResourceHandler = (req: LrsRequest) => Promise<LrsResponse>;
