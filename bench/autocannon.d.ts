// autocannon ships no type declarations; this covers only what the benchmarks use.
declare module 'autocannon' {
  export interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** A function, or (with `workers`) the path of a CommonJS file exporting one. */
    setupRequest?: string | ((req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest | null);
  }

  export interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    /** Sampling interval in ms; a run also ends only on a sample tick. */
    sampleInt?: number;
    pipelining?: number;
    workers?: number;
    timeout?: number;
    requests?: AutocannonRequest[];
    renderProgressBar?: boolean;
    renderResultsTable?: boolean;
    renderLatencyTable?: boolean;
  }

  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    [percentile: string]: number;
  }

  export interface AutocannonResult {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  function autocannon(opts: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
