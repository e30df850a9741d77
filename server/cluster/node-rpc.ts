/**
 * Targeted request/response between cluster nodes over Redis pub/sub: each node subscribes to its
 * own channel; a request names the node it comes from, and the answer is published to that node's
 * channel. No broker of our own: Redis carries it, and PUBLISH tells us at once (0 receivers) when
 * the target node is gone. A request is answered at most once; the caller decides what a timeout
 * means (the forwarding router answers "try again", never a guess).
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from '../storage/redis-client.ts';

export interface NodeRequest {
  sessionId: string;
  method: string;
  args: unknown[];
}

/** The owner's side of a request: an answer, or "I do not own that session" (ask again). */
export type NodeAnswer = { kind: 'result'; result: unknown } | { kind: 'not-owner' };

type Message =
  | ({ t: 'req'; id: string; from: string } & NodeRequest)
  | ({ t: 'res'; id: string } & ({ kind: 'result'; result: unknown } | { kind: 'not-owner' } | { kind: 'failed'; error: string }));

/** The target node is not subscribed (dead or shutting down): nothing was delivered. */
export class NodeGoneError extends Error {
  constructor(nodeId: string) {
    super(`node ${nodeId} is not reachable`);
    this.name = 'NodeGoneError';
  }
}

/** No answer in time: the request may or may not have been carried out. */
export class NodeTimeoutError extends Error {
  constructor(nodeId: string, ms: number) {
    super(`node ${nodeId} did not answer within ${ms} ms`);
    this.name = 'NodeTimeoutError';
  }
}

const channelOf = (nodeId: string): string => `tabletop:node:${nodeId}`;

interface Pending {
  resolve: (answer: NodeAnswer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class NodeRpc {
  private readonly pending = new Map<string, Pending>();

  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly nodeId: string,
    private readonly serve: (request: NodeRequest) => Promise<NodeAnswer>,
    private readonly log: (message: string) => void,
  ) {}

  /** Subscribe to this node's channel; `serve` answers the requests other nodes forward here. */
  static async start(redis: Redis, nodeId: string, serve: (request: NodeRequest) => Promise<NodeAnswer>, log: (message: string) => void): Promise<NodeRpc> {
    const subscriber = redis.duplicate();
    // A subscriber connection reports its own errors; without a listener a dropped connection would crash the process.
    subscriber.on('error', () => {});
    await subscriber.connect();
    const rpc = new NodeRpc(redis, subscriber, nodeId, serve, log);
    await subscriber.subscribe(channelOf(nodeId), (raw) => rpc.receive(raw));
    return rpc;
  }

  /** Ask `target` and wait for its answer (rejects NodeGoneError / NodeTimeoutError / Redis errors). */
  async call(target: string, request: NodeRequest, timeoutMs: number): Promise<NodeAnswer> {
    const id = randomUUID();
    const answer = new Promise<NodeAnswer>((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(id); reject(new NodeTimeoutError(target, timeoutMs)); }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    const message: Message = { t: 'req', id, from: this.nodeId, ...request };
    let receivers: number;
    try {
      receivers = await this.redis.publish(channelOf(target), JSON.stringify(message));
    } catch (err) {
      this.settle(id)?.reject(err instanceof Error ? err : new Error(String(err)));
      return answer;
    }
    if (receivers === 0) this.settle(id)?.reject(new NodeGoneError(target));
    return answer;
  }

  /** Tell `target` something that needs no answer (presence); lost if it is gone. */
  async tell(target: string, request: NodeRequest): Promise<void> {
    const message: Message = { t: 'req', id: '', from: this.nodeId, ...request };
    await this.redis.publish(channelOf(target), JSON.stringify(message));
  }

  async close(): Promise<void> {
    for (const [id] of this.pending) this.settle(id)?.reject(new Error('this node is shutting down'));
    await this.subscriber.unsubscribe(channelOf(this.nodeId)).catch(() => {});
    this.subscriber.destroy();
  }

  private receive(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      return;
    }
    if (message.t === 'res') {
      const pending = this.settle(message.id);
      if (!pending) return; // timed out already
      if (message.kind === 'failed') pending.reject(new Error(message.error));
      else pending.resolve(message.kind === 'result' ? { kind: 'result', result: message.result } : { kind: 'not-owner' });
      return;
    }
    const { id, from, sessionId, method, args } = message;
    void this.serve({ sessionId, method, args }).then(
      (answer) => ({ t: 'res', id, ...answer }) as Message,
      (err: unknown) => {
        this.log(`cluster: forwarded ${method} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        return { t: 'res', id, kind: 'failed', error: 'the server failed to handle this request' } as Message;
      },
    ).then((reply) => {
      if (id !== '') return this.redis.publish(channelOf(from), JSON.stringify(reply)).then(() => {});
    }).catch(() => { /* Redis down: the caller times out and answers "try again" */ });
  }

  private settle(id: string): Pending | undefined {
    const pending = this.pending.get(id);
    if (!pending) return undefined;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }
}
