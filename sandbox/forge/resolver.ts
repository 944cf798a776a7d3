/**
 * Sandbox replacement for `@forge/resolver` (2.x). Same behaviour as the real (pure) package: `define`,
 * `getDefinitions()` returning the handler Forge calls as `handler({ call: { functionKey, payload, jobId }, context },
 * backendRuntimePayload)`, and `makeResolver`. The runtime host (runtime.ts) calls that handler the way Forge does.
 */
export type Context = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/resolver's Context = { [key: string]: any }
  [key: string]: any;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/resolver's Request<Argument = any>
export type Request<Argument = any> = {
  payload: Argument;
  context: Context;
};
export type Response =
  | {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/resolver's Response
      [key: string]: any;
    }
  | string
  | void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors @forge/resolver's ResolverFunction<Argument = any, ...>
export type ResolverFunction<Argument = any, Result = Response> = (request: Request<Argument>) => Promise<Result> | Result;

export interface InvokePayload<Argument = unknown> {
  call: { functionKey: string; payload?: Argument; jobId?: string };
  context: Context;
}

/** What Forge passes as the second argument (the part of the context the browser cannot forge). */
export interface BackendRuntimePayload {
  principal?: { accountId: string };
  installContext?: string;
  license?: Record<string, unknown>;
  installation?: Record<string, unknown>;
  [key: string]: unknown;
}

export type DefinitionsHandler = (payload: InvokePayload<unknown>, backendRuntimePayload?: BackendRuntimePayload) => Promise<unknown>;

export type Definitions = Record<string, (i: never) => unknown>;
type DefArguments<D extends Definitions, Def extends keyof D & string> = Parameters<D[Def]> extends [] ? [] : [Parameters<D[Def]>[0]];
type DefArgument<D extends Definitions, Def extends keyof D & string> = DefArguments<D, Def>[0];
type DefResult<D extends Definitions, Def extends keyof D & string> = Awaited<ReturnType<D[Def]>>;
export type Handlers<D extends Definitions> = {
  [Def in keyof D & string]: ResolverFunction<DefArgument<D, Def>, DefResult<D, Def>>;
};

export default class Resolver {
  private functions: Record<string, ResolverFunction<unknown, unknown>> = {};

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- same overload shape as @forge/resolver
  define(functionKey: string, cb: ResolverFunction<any, any>): this;
  define<Payload, Result = Response>(functionKey: string, cb: ResolverFunction<Payload, Result>): this;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- same overload shape as @forge/resolver
  define<Result = Response>(functionKey: string, cb: ResolverFunction<any, Result>): this;
  define(functionKey: string, cb: ResolverFunction<never, unknown>): this {
    if (!cb || typeof cb !== 'function') {
      throw new Error(`Resolver definition '${functionKey}' callback must be a 'function'. Received '${typeof cb}'.`);
    }
    if (functionKey in this.functions) {
      throw new Error(`Resolver definition '${functionKey}' already exists.`);
    }
    this.functions[functionKey] = cb as ResolverFunction<unknown, unknown>;
    return this;
  }

  private getFunction(functionKey: string): ResolverFunction<unknown, unknown> {
    const fn = Object.prototype.hasOwnProperty.call(this.functions, functionKey) ? this.functions[functionKey] : undefined;
    if (fn) return fn;
    throw new Error(`Resolver has no definition for '${functionKey}'.`);
  }

  getDefinitions(): DefinitionsHandler {
    return async ({ call: { functionKey, payload, jobId }, context }, backendRuntimePayload) => {
      const cb = this.getFunction(functionKey);
      const result = await cb({
        payload: payload || {},
        context: {
          ...context,
          installContext: backendRuntimePayload?.installContext,
          accountId: backendRuntimePayload?.principal?.accountId,
          license: backendRuntimePayload?.license,
          jobId,
          installation: backendRuntimePayload?.installation,
        },
      });
      // Like Forge: results cross a JSON boundary.
      if (typeof result === 'object') return JSON.parse(JSON.stringify(result)) as unknown;
      return result;
    };
  }
}

export function makeResolver<D extends Definitions>(handlers: Handlers<D>): DefinitionsHandler {
  const resolver = new Resolver();
  for (const key of Object.keys(handlers)) {
    resolver.define(key, handlers[key] as ResolverFunction<unknown, unknown>);
  }
  return resolver.getDefinitions();
}
