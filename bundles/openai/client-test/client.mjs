// Calls the node's OpenAI-compatible endpoint with the official client and prints one JSON line with what
// came back. Usage: node client.mjs BASE_URL MODEL MAX_TOKENS PROMPT USER_MESSAGE
// (BASE_URL like http://127.0.0.1:PORT/v1). Greedy (temperature 0) so the Java side can compare the texts.
import OpenAI from 'openai';

const [baseURL, model, maxTokensArg, prompt, userMessage] = process.argv.slice(2);
const maxTokens = Number(maxTokensArg);
const client = new OpenAI({ baseURL, apiKey: 'unused', maxRetries: 0, timeout: 120_000 });

async function collect(stream, pick) {
  let text = '';
  let finish = null;
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices) {
      text += pick(choice) ?? '';
      if (choice.finish_reason) finish = choice.finish_reason;
    }
  }
  return { text, finish, usage, chunks };
}

const out = {};
const whole = await client.completions.create({ model, prompt, max_tokens: maxTokens, temperature: 0 });
out.completion = { text: whole.choices[0].text, finish: whole.choices[0].finish_reason, usage: whole.usage };

out.completionStream = await collect(
  await client.completions.create({
    model, prompt, max_tokens: maxTokens, temperature: 0, stream: true, stream_options: { include_usage: true },
  }),
  (c) => c.text);

const messages = [{ role: 'user', content: userMessage }];
const chat = await client.chat.completions.create({ model, messages, max_tokens: maxTokens, temperature: 0 });
out.chat = {
  text: chat.choices[0].message.content, role: chat.choices[0].message.role,
  finish: chat.choices[0].finish_reason, usage: chat.usage,
};

out.chatStream = await collect(
  await client.chat.completions.create({ model, messages, max_completion_tokens: maxTokens, temperature: 0, stream: true }),
  (c) => c.delta?.content);

const models = await client.models.list();
out.models = models.data.map((m) => m.id);

try {
  await client.completions.create({ model: 'no-such-model', prompt, max_tokens: 4 });
  out.unknownModel = { error: 'none' };
} catch (e) {
  out.unknownModel = {
    error: e.constructor.name, notFound: e instanceof OpenAI.NotFoundError, status: e.status, code: e.code,
  };
}

console.log(JSON.stringify(out));
