// A quotes.v1 client in Node.js with grpc-js, the example docs/clients.md points to.
//
// It loads proto/quotes/v1/quotes.proto at run time with @grpc/proto-loader (no generated code),
// puts a deadline on every call, sends a bearer token as call metadata, and decodes the
// google.rpc.Status an error carries in its grpc-status-details-bin trailer. Offsets: JavaScript
// strings index UTF-16 code units, so slice with the *_utf16 spans:
//   text.slice(quote.span_utf16.start, quote.span_utf16.end)
// tests/node/client.test.js runs it against a real server (tests/client/test_node_client.py).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PROTO_DIR = path.resolve(HERE, '..', '..', 'proto');
// grpc.health.v1 and google.rpc, vendored (Apache-2.0; tests/node/README.md says from where).
export const VENDORED_DIR = path.join(HERE, 'protos');
export const SERVICE_NAME = 'quotes.v1.QuoteService';
const DEFAULT_DEADLINE_MS = 30_000;

// The same channel settings as the Python client (client/quotes/channel.py): round robin over every
// address a name resolves to, and a call that finds a server UNAVAILABLE (down, or draining) sent
// again with backoff, which moves it to another replica. ExtractQuotes has no side effects, so a
// retry is always safe. Responses can outgrow gRPC's default 4 MiB limit on long articles.
export const SERVICE_CONFIG = {
  loadBalancingConfig: [{ round_robin: {} }],
  methodConfig: [{
    name: [{ service: SERVICE_NAME }, { service: 'grpc.health.v1.Health' }],
    retryPolicy: {
      maxAttempts: 4, initialBackoff: '0.1s', maxBackoff: '2s', backoffMultiplier: 2,
      retryableStatusCodes: ['UNAVAILABLE'],
    },
  }],
};
const CHANNEL_OPTIONS = {
  'grpc.service_config': JSON.stringify(SERVICE_CONFIG),
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
};

// keepCase: the proto's field names (span_utf16, not spanUtf16); enums as their names.
const LOADER_OPTIONS = { keepCase: true, enums: String, defaults: true, oneofs: true, includeDirs: [PROTO_DIR, VENDORED_DIR] };
const definition = protoLoader.loadSync(['quotes/v1/quotes.proto', 'grpc/health/v1/health.proto'], LOADER_OPTIONS);
const loaded = grpc.loadPackageDefinition(definition);

// A fresh Root rather than protobuf's shared one, resolving imports in the vendored tree;
// google/protobuf/any.proto and duration.proto come bundled with protobufjs.
const rpcTypes = new protobuf.Root();
rpcTypes.resolvePath = (origin, target) => path.join(VENDORED_DIR, target);
rpcTypes.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });
const Status = rpcTypes.lookupType('google.rpc.Status');

/** Clients for QuoteService and grpc.health.v1.Health on one channel; `token` is sent as a bearer token. */
export function connect(target, { token = null, credentials = grpc.credentials.createInsecure() } = {}) {
  const quotes = new loaded.quotes.v1.QuoteService(target, credentials, CHANNEL_OPTIONS);
  const health = new loaded.grpc.health.v1.Health(target, credentials, { channelOverride: quotes.getChannel() });
  return { quotes, health, token, close: () => quotes.close() };
}

function callOptions(deadlineMs) {
  return { deadline: new Date(Date.now() + (deadlineMs ?? DEFAULT_DEADLINE_MS)) };
}

function metadataFor(token) {
  const metadata = new grpc.Metadata();
  // Over TLS, grpc.credentials.combineChannelCredentials with createFromMetadataGenerator does the
  // same for every call; grpc-js refuses call credentials on a plaintext channel, so add it here.
  if (token) metadata.add('authorization', `Bearer ${token}`);
  return metadata;
}

function unary(client, method, request, { token, deadlineMs } = {}) {
  return new Promise((resolve, reject) => {
    client[method](request, metadataFor(token), callOptions(deadlineMs), (error, response) =>
      error ? reject(error) : resolve(response));
  });
}

/** grpc.health.v1 Check: 'SERVING', 'NOT_SERVING', ... ('' asks about the server as a whole). */
export async function checkHealth(conn, service = SERVICE_NAME, { deadlineMs = 2_000 } = {}) {
  const response = await unary(conn.health, 'Check', { service }, { deadlineMs });
  return response.status;
}

/** One document: resolves to an ExtractQuotesResponse, rejects with a grpc-js ServiceError. */
export function extractQuotes(conn, text, { documentId = '', deadlineMs } = {}) {
  return unary(conn.quotes, 'ExtractQuotes', { document_id: documentId, text }, { token: conn.token, deadlineMs });
}

/** Many documents over one stream, [{id, text}] in; the responses, which come back in order. */
export function extractMany(conn, documents, { deadlineMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const responses = [];
    const stream = conn.quotes.StreamExtractQuotes(metadataFor(conn.token), callOptions(deadlineMs));
    stream.on('data', (response) => responses.push(response));
    stream.on('error', reject);
    stream.on('end', () => resolve(responses));
    for (const { id, text } of documents) stream.write({ document_id: id, text });
    stream.end();
  });
}

/** The google.rpc.Status of a failed call, its details unpacked ({code, message, details: [{type, ...}]}),
 *  or null when the server sent none. INVALID_ARGUMENT carries a google.rpc.BadRequest. */
export function statusDetails(error) {
  const [raw] = error.metadata?.get('grpc-status-details-bin') ?? [];
  if (!raw) return null;
  const status = Status.decode(raw);
  const details = status.details.map(({ type_url, value }) => {
    const type = type_url.slice(type_url.lastIndexOf('/') + 1);
    const message = rpcTypes.lookupType(type);
    return { type, ...message.toObject(message.decode(value), { defaults: true }) };
  });
  return { code: status.code, message: status.message, details };
}

export const { status: StatusCode } = grpc;
