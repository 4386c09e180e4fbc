// LangChain.js's ChatOpenAI pointed at capture: node langchain.mjs plain|stream
import { ChatOpenAI } from '@langchain/openai';
import { CAPTURE_URL, answer, headers, main, required } from './common.mjs';

const [mode] = process.argv.slice(2);

main(async () => {
  const chat = new ChatOpenAI({
    model: required('MODEL'),
    apiKey: required('API_KEY'),
    maxRetries: 0,
    configuration: { baseURL: `${CAPTURE_URL}/v1`, defaultHeaders: headers() },
  });
  if (mode === 'stream') {
    let message;
    let chunks = 0;
    for await (const chunk of await chat.stream('Which route is shortest?')) {
      message = message === undefined ? chunk : message.concat(chunk);
      chunks += 1;
    }
    answer({ chunks, text: message.text, usage: message.usage_metadata });
  } else {
    const message = await chat.invoke('Which route is shortest?');
    answer({ chunks: 1, text: message.text, usage: message.usage_metadata });
  }
});
