// Google's @google/genai SDK against capture, on the Gemini API (an API key) or on Vertex AI (a project, a location
// and a fixed OAuth access token, so no Google credentials are needed): node genai.mjs gemini|vertex plain|stream
// (API_VERSION picks another API version than the SDK's default, e.g. v1)
import { GoogleGenAI } from '@google/genai';
import { OAuth2Client } from 'google-auth-library';
import { CAPTURE_URL, answer, headers, main, required } from './common.mjs';

const [api, mode] = process.argv.slice(2);

function client() {
  const httpOptions = { baseUrl: CAPTURE_URL, headers: headers() };
  if (process.env.API_VERSION) {
    httpOptions.apiVersion = process.env.API_VERSION;
  }
  if (api === 'vertex') {
    const authClient = new OAuth2Client();
    authClient.setCredentials({ access_token: required('VERTEX_TOKEN'), expiry_date: Date.now() + 3_600_000 });
    return new GoogleGenAI({
      vertexai: true,
      project: 'acme-prod',
      location: 'us-central1',
      httpOptions,
      googleAuthOptions: { authClient },
    });
  }
  return new GoogleGenAI({ apiKey: required('API_KEY'), httpOptions });
}

function parts(response) {
  return response.candidates?.[0]?.content?.parts ?? [];
}

main(async () => {
  const ai = client();
  const request = {
    model: required('MODEL'),
    contents: 'Which route is shortest?',
    config: { maxOutputTokens: 8000, thinkingConfig: { includeThoughts: true, thinkingBudget: 2048 } },
  };
  const responses = [];
  if (mode === 'stream') {
    for await (const chunk of await ai.models.generateContentStream(request)) {
      responses.push(chunk);
    }
  } else {
    responses.push(await ai.models.generateContent(request));
  }
  const all = responses.flatMap(parts);
  answer({
    chunks: responses.length,
    text: all.filter((p) => !p.thought && p.text).map((p) => p.text).join(''),
    thoughts: all.filter((p) => p.thought && p.text).map((p) => p.text).join(''),
    usage: responses.at(-1).usageMetadata,
  });
});
