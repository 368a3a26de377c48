import { createServer, Http2Server, ServerHttp2Stream } from 'node:http2';
import { AddressInfo, Socket } from 'node:net';

/**
 * A server on 127.0.0.1 that speaks HTTP/2, as a KurrentDB node does, and answers every gRPC call with the
 * status `statusOf` gives for its path: a node shutting down (UNAVAILABLE), or one that implements nothing
 * (UNIMPLEMENTED). It keeps the request body of every call, to see what the client sent.
 */
export interface GrpcNode {
  port: number;
  /** Request bodies received, by the call's path (e.g. `/event_store.client.streams.Streams/Append`). */
  calls(path: string): Buffer[];
  /** Connections open from the client's side. */
  open(): number;
  close(): Promise<void>;
}

export const UNIMPLEMENTED = 12;
export const UNAVAILABLE = 14;

export async function grpcNode(statusOf: (path: string) => number): Promise<GrpcNode> {
  const sockets = new Set<Socket>();
  const received = new Map<string, Buffer[]>();
  const server: Http2Server = createServer();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('session', (session) => session.on('error', () => undefined));
  server.on('stream', (stream: ServerHttp2Stream, headers) => {
    const path = String(headers[':path']);
    const chunks: Buffer[] = [];
    stream.on('error', () => undefined);
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.set(path, [...(received.get(path) ?? []), Buffer.concat(chunks)]);
      if (stream.destroyed || stream.headersSent) return;
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(statusOf(path)), 'grpc-message': 'not here' },
        { endStream: true },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    calls: (path) => received.get(path) ?? [],
    open: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
