// The Vercel AI SDK (ai) with one of its providers, pointed at capture through the provider's baseURL:
// node ai-sdk.mjs openai|openai-chat|anthropic|google plain|stream
import { generateText, streamText } from 'ai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { CAPTURE_URL, answer, headers, main, required } from './common.mjs';

const [provider, mode] = process.argv.slice(2);

function model() {
  const name = required('MODEL');
  const settings = { apiKey: required('API_KEY'), headers: headers() };
  switch (provider) {
    case 'openai':
      return createOpenAI({ ...settings, baseURL: `${CAPTURE_URL}/v1` })(name);
    case 'openai-chat':
      return createOpenAI({ ...settings, baseURL: `${CAPTURE_URL}/v1` }).chat(name);
    case 'anthropic':
      return createAnthropic({ ...settings, baseURL: `${CAPTURE_URL}/v1` })(name);
    case 'google':
      return createGoogleGenerativeAI({ ...settings, baseURL: `${CAPTURE_URL}/v1beta` })(name);
    default:
      throw new Error(`unknown provider ${provider}`);
  }
}

const providerOptions = {
  openai: { reasoningEffort: 'high', reasoningSummary: 'auto' },
  anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } },
  google: { thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } },
};

main(async () => {
  const call = {
    model: model(),
    prompt: 'Which route is shortest?',
    maxOutputTokens: 8000,
    maxRetries: 0,
    providerOptions,
  };
  if (mode === 'stream') {
    let failure;
    const result = streamText({ ...call, onError: ({ error }) => (failure = error) });
    let chunks = 0;
    for await (const part of result.textStream) {
      chunks += part.length > 0 ? 1 : 0;
    }
    if (failure) {
      throw failure;
    }
    answer({
      chunks,
      text: await result.text,
      reasoning: (await result.reasoningText) ?? '',
      finishReason: await result.finishReason,
      usage: await result.usage,
    });
  } else {
    const result = await generateText(call);
    answer({
      chunks: 1,
      text: result.text,
      reasoning: result.reasoningText ?? '',
      finishReason: result.finishReason,
      usage: result.usage,
    });
  }
});
