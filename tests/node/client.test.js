// The contract as a Node.js caller sees it, through quotes_client.js (grpc-js), on a real server.
// Run by tests/client/test_node_client.py, which starts the servers and sets:
//   QUOTES_TARGET        a plaintext server without tokens
//   QUOTES_TOKEN_TARGET  a server that wants QUOTES_TOKEN as a bearer token
//   QUOTES_SEEDS         the seeds/ directory
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import { SERVICE_NAME, StatusCode, checkHealth, connect, extractMany, extractQuotes, statusDetails } from './quotes_client.js';

const { QUOTES_TARGET, QUOTES_TOKEN_TARGET, QUOTES_TOKEN, QUOTES_SEEDS } = process.env;
const conn = connect(QUOTES_TARGET);
after(() => conn.close());

// Astral characters (emoji, a ZWJ family, a flag, mathematical letters: two UTF-16 units each) and
// combining marks (e + U+0301: two code points, one glyph) before and inside the quotes.
const ASTRAL = '😀👩‍👩‍👧 Re\u0301sume\u0301 of the day. “We will build the bridge 🌉 by spring, and the cafe\u0301 '
  + 'stays open,” said Mayor Zoe\u0308 Nu\u0301n\u0303ez, the head of the council 🏛️. '
  + 'She added that the 𝒻𝒾𝓃𝒶𝓃𝒸𝑒 plan was “ready 👍🏽 to go”.\n\n'
  + '“It is a disaster 😡,” said José Müller, an analyst at the Center for Strategic and International Studies. '
  + '“We 🇺🇸 cannot afford it,” he said, “not this year 🙅‍♀️.”';

const seeds = () => fs.readdirSync(QUOTES_SEEDS).filter((name) => name.endsWith('.txt')).sort()
  .map((name) => ({ id: name, text: fs.readFileSync(path.join(QUOTES_SEEDS, name), 'utf8') }));

/** Every *_utf16 span of a quote slices the text exactly, as JavaScript slices strings. */
function assertSlicesExactly(text, quote) {
  const slice = ({ start, end }) => text.slice(start, end);
  const where = `quote at ${quote.span.start}..${quote.span.end}`;
  const pieces = quote.fragments_utf16.map(slice);
  assert.equal(pieces.length, quote.fragments.length, where);
  assert.ok(pieces.every((piece) => piece.trim()), `${where}: a blank fragment`);
  assert.equal(pieces.join(' '), quote.text, where);
  const whole = slice(quote.span_utf16);
  if (pieces.length === 1) assert.equal(whole, quote.text, where);
  assert.ok(whole.startsWith(pieces[0]) && whole.endsWith(pieces.at(-1)), where);
  assert.equal(slice(quote.speaker.span_utf16), quote.speaker.name, `${where}: speaker`);
  assert.equal(slice(quote.cue_span_utf16), quote.cue, `${where}: cue`);
  // The speaker's own words: each quoted passage lies in the quote and matches its code point span.
  assert.equal(quote.quoted_utf16.length, quote.quoted.length, `${where}: quoted`);
  quote.quoted_utf16.forEach((q, n) => {
    const words = slice(q);
    assert.ok(words.trim(), `${where}: a blank quoted passage`);
    assert.ok(quote.span_utf16.start <= q.start && q.end <= quote.span_utf16.end, `${where}: quoted ${n} outside the span`);
    const bytes = Buffer.from(text, 'utf8');
    const q8 = quote.quoted_utf8[n];
    assert.equal(bytes.subarray(q8.start, q8.end).toString('utf8'), words, `${where}: quoted ${n} utf8`);
  });
  // The UTF-8 spans, for comparison, slice the text's bytes.
  const bytes = Buffer.from(text, 'utf8');
  assert.equal(bytes.subarray(quote.span_utf8.start, quote.span_utf8.end).toString('utf8'), whole, `${where}: utf8`);
}

test('health: the server and quotes.v1.QuoteService are SERVING', async () => {
  assert.equal(await checkHealth(conn, ''), 'SERVING');
  assert.equal(await checkHealth(conn, SERVICE_NAME), 'SERVING');
});

test('utf16 spans slice text with astral characters and combining marks', async () => {
  const response = await extractQuotes(conn, ASTRAL, { documentId: 'astral' });
  assert.equal(response.document_id, 'astral');
  assert.ok(response.quotes.length >= 4, `${response.quotes.length} quotes`);
  for (const quote of response.quotes) assertSlicesExactly(ASTRAL, quote);
  // The text does what it is for: code point offsets would slice it wrong in JavaScript...
  assert.ok(response.quotes.every((q) => q.span_utf16.start > q.span.start));
  assert.ok(response.quotes.some((q) => ASTRAL.slice(q.span.start, q.span.end) !== q.text));
  // ...quotes hold astral characters and combining marks, and one quote is split.
  assert.ok(response.quotes.some((q) => /\p{Extended_Pictographic}/u.test(q.text)));
  assert.ok(response.quotes.some((q) => /\p{M}/u.test(q.text)));
  assert.ok(response.quotes.some((q) => q.fragments_utf16.length > 1));
  assert.ok(response.quotes.every((q) => q.speaker.name && q.cue));
});

test('utf16 spans slice every seed', async () => {
  for (const { id, text } of seeds()) {
    const response = await extractQuotes(conn, text, { documentId: id });
    assert.ok(response.quotes.length > 0, `${id}: no quotes`);
    for (const quote of response.quotes) assertSlicesExactly(text, quote);
  }
});

test('stream: several documents, responses in request order', async () => {
  const short = (n) => ({ id: `short-${n}`, text: `“We have ${n} 😀 reasons,” said Ana Ruiz, the mayor.` });
  const [first, second] = seeds();
  const documents = [short(1), first, { id: 'astral', text: ASTRAL }, short(2), second, short(3)];
  const responses = await extractMany(conn, documents);
  assert.deepEqual(responses.map((r) => r.document_id), documents.map((d) => d.id));
  responses.forEach((response, i) => {
    assert.ok(response.quotes.length > 0, documents[i].id);
    for (const quote of response.quotes) assertSlicesExactly(documents[i].text, quote);
  });
});

test('invalid argument: google.rpc.BadRequest decodes from grpc-status-details-bin', async () => {
  for (const text of ['', ' \n\t ']) {
    const error = await extractQuotes(conn, text).then(() => assert.fail('an empty text was accepted'), (e) => e);
    assert.equal(error.code, StatusCode.INVALID_ARGUMENT, error.message);
    const status = statusDetails(error);
    assert.equal(status.code, StatusCode.INVALID_ARGUMENT);
    assert.equal(status.message, error.details);
    assert.deepEqual(status.details.map((d) => d.type), ['google.rpc.BadRequest']);
    const [violation] = status.details[0].field_violations;
    assert.equal(violation.field, 'text');
    assert.match(violation.description, /empty or only whitespace/);
  }
});

test('bearer token: UNAUTHENTICATED without it or with a wrong one, OK with it', async () => {
  const cases = [[null, StatusCode.UNAUTHENTICATED], [`${QUOTES_TOKEN}-wrong`, StatusCode.UNAUTHENTICATED], [QUOTES_TOKEN, StatusCode.OK]];
  for (const [token, expected] of cases) {
    const client = connect(QUOTES_TOKEN_TARGET, { token });
    try {
      const outcome = await extractQuotes(client, ASTRAL).then((r) => ({ code: StatusCode.OK, r }), (e) => e);
      assert.equal(outcome.code, expected, `token ${token ? 'given' : 'absent'}: ${outcome.details ?? 'OK'}`);
      if (expected === StatusCode.OK) assert.ok(outcome.r.quotes.length >= 4);
      // Health stays open for probes whatever the token.
      assert.equal(await checkHealth(client, SERVICE_NAME), 'SERVING');
    } finally {
      client.close();
    }
  }
});
