/**
 * The transport's view of sessions in cluster mode: each request is served on the node that owns
 * the session. Served here → the local session service; owned elsewhere → forwarded to the owner
 * (node-rpc.ts), whose answer comes back only after it made the change durable in Redis (the
 * service acknowledges nothing before that); owned by nobody → taken over here first. Whenever
 * Redis or the owner cannot be reached, the answer is a refusal saying "try again", never a
 * guess: a retried command carries the same clientActionId and is applied once.
 */
import { BY_CODE, GATEWAY_METHODS, type GatewayArgs, type GatewayMethod, type GatewayResult, type SessionGateway } from '../sessions/session-gateway.ts';
import type { SessionService } from '../sessions/session-service.ts';
import type { RedisStore } from '../storage/redis-store.ts';
import { NodeGoneError, type NodeAnswer, type NodeRequest, type NodeRpc } from './node-rpc.ts';
import type { SessionOwnership } from './session-ownership.ts';

export const TRY_AGAIN = 'the server cannot reach its storage or the node running this session right now; please try again in a few seconds';
export const OWNER_GONE = 'the node running this session has stopped; another node takes it over within a few seconds, please try again';

/** How long a forwarded request may take: the owner's own storage wait (3 s) plus the trip. */
const FORWARD_TIMEOUT_MS = 5_000;
/** Forward, and look again if the lease moved meanwhile: a bounded number of times. */
const ATTEMPTS = 3;

type Refusal = { ok: false; error: string };
const refuse = (error: string): Refusal => ({ ok: false, error });

export interface GatewayParts {
  service: SessionService;
  store: RedisStore;
  ownership: SessionOwnership;
  rpc: () => NodeRpc;
  log: (message: string) => void;
}

const isGatewayMethod = (method: string): method is GatewayMethod => (GATEWAY_METHODS as readonly string[]).includes(method);

export class ClusterGateway implements SessionGateway {
  constructor(private readonly parts: GatewayParts) {}

  // A new session is created here; the reserve hook (SessionOwnership.reserve) took its lease first.
  createSession(...args: GatewayArgs<'createSession'>) { return this.parts.service.createSession(...args); }
  attachHost(...args: GatewayArgs<'attachHost'>) { return this.route('attachHost', args); }
  roomView(...args: GatewayArgs<'roomView'>) { return this.route('roomView', args); }
  hostSnapshot(...args: GatewayArgs<'hostSnapshot'>) { return this.route('hostSnapshot', args); }
  controlClock(...args: GatewayArgs<'controlClock'>) { return this.route('controlClock', args); }
  movePlayer(...args: GatewayArgs<'movePlayer'>) { return this.route('movePlayer', args); }
  renameTeam(...args: GatewayArgs<'renameTeam'>) { return this.route('renameTeam', args); }
  inject(...args: GatewayArgs<'inject'>) { return this.route('inject', args); }
  // A branch is made on the parent's owner (it holds the parent's log), which then leases the branch.
  branchSession(...args: GatewayArgs<'branchSession'>) { return this.route('branchSession', args); }
  rewind(...args: GatewayArgs<'rewind'>) { return this.route('rewind', args); }
  rewindWithSecret(...args: GatewayArgs<'rewindWithSecret'>) { return this.route('rewindWithSecret', args); }
  join(...args: GatewayArgs<'join'>) { return this.route('join', args); }
  resume(...args: GatewayArgs<'resume'>) { return this.route('resume', args); }
  teamSnapshot(...args: GatewayArgs<'teamSnapshot'>) { return this.route('teamSnapshot', args); }
  chooseTeam(...args: GatewayArgs<'chooseTeam'>) { return this.route('chooseTeam', args); }
  setRole(...args: GatewayArgs<'setRole'>) { return this.route('setRole', args); }
  command(...args: GatewayArgs<'command'>) { return this.route('command', args); }
  chat(...args: GatewayArgs<'chat'>) { return this.route('chat', args); }

  /** Presence needs no answer: counted on the owner, best effort (recounted after a takeover). */
  connected(...args: GatewayArgs<'connected'>): void {
    const [sessionId] = args;
    const { ownership, rpc } = this.parts;
    ownership.place(sessionId).then(
      (placement) => {
        if (placement.at === 'here') this.local('connected', args);
        else if (placement.at === 'node') return rpc().tell(placement.nodeId, { sessionId, method: 'connected', args });
      },
    ).catch(() => { /* Redis down: presence is recounted when the session is taken over */ });
  }

  /** The owner's side: a request another node forwarded here. */
  async serve(request: NodeRequest): Promise<NodeAnswer> {
    const { sessionId, method, args } = request;
    if (!isGatewayMethod(method)) throw new Error(`not a session method: ${method}`);
    if (!this.parts.ownership.servesHere(sessionId)) return { kind: 'not-owner' };
    return { kind: 'result', result: await this.local(method, args as GatewayArgs<typeof method>) };
  }

  private async route<K extends GatewayMethod>(method: K, args: GatewayArgs<K>): Promise<GatewayResult<K> | Refusal> {
    const { store, ownership, rpc } = this.parts;
    try {
      const sessionId = BY_CODE.has(method) ? await store.findByCode(String(args[0])) : String(args[0]);
      // An unknown code or id: the local service gives the usual answer (which the transport throttles).
      if (sessionId === undefined) return await this.local(method, args);
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const placement = await ownership.place(sessionId);
        if (placement.at !== 'node') return await this.local(method, args);
        const answer = await rpc().call(placement.nodeId, { sessionId, method, args }, FORWARD_TIMEOUT_MS);
        if (answer.kind === 'result') return answer.result as GatewayResult<K>;
        // not-owner: the lease moved between our look-up and its arrival; look again.
      }
      return refuse(TRY_AGAIN);
    } catch (err) {
      if (err instanceof NodeGoneError) return refuse(OWNER_GONE);
      this.parts.log(`cluster: ${method} refused (${err instanceof Error ? err.message : String(err)})`);
      return refuse(TRY_AGAIN);
    }
  }

  private local<K extends GatewayMethod>(method: K, args: GatewayArgs<K>): Promise<GatewayResult<K>> {
    const fn = this.parts.service[method] as (...a: unknown[]) => GatewayResult<K> | Promise<GatewayResult<K>>;
    return Promise.resolve(fn.apply(this.parts.service, args));
  }
}
