// The OpenTelemetry JavaScript SDK exporting one GenAI span (current gen_ai.* conventions) to capture's OTLP
// receiver, with the capture key as an exporter header: node otel.mjs json|proto
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CAPTURE_KEY, CAPTURE_URL, answer, main, required } from './common.mjs';

const [protocol] = process.argv.slice(2);

main(async () => {
  const settings = { url: `${CAPTURE_URL}/v1/traces`, headers: CAPTURE_KEY ? { 'x-thinkwatch-key': CAPTURE_KEY } : {} };
  const exporter = protocol === 'proto' ? new ProtoExporter(settings) : new JsonExporter(settings);
  const results = [];
  // The exporter's own results, which the span processor would only log
  const watched = {
    export: (spans, done) =>
      exporter.export(spans, (result) => {
        results.push(result);
        done(result);
      }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush(),
  };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': required('SERVICE_NAME') }),
    spanProcessors: [new SimpleSpanProcessor(watched)],
  });
  const model = required('MODEL');
  const span = provider.getTracer('thinkwatch-js-it').startSpan(`chat ${model}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': model,
      'gen_ai.response.model': `${model}-2025-04-16`,
      'gen_ai.request.max_tokens': 4000,
      'gen_ai.usage.input_tokens': 120,
      'gen_ai.usage.output_tokens': 900,
      'gen_ai.usage.reasoning.output_tokens': 700,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.input.messages': JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'Which route is shortest?' }] },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        {
          role: 'assistant',
          parts: [
            { type: 'reasoning', content: 'Compare the two routes.' },
            { type: 'text', content: `The ${protocol} route is shortest.` },
          ],
          finish_reason: 'stop',
        },
      ]),
    },
  });
  span.setStatus({ code: SpanStatusCode.OK });
  span.end();
  await provider.forceFlush();
  await provider.shutdown();
  const failed = results.find((result) => result.code !== 0);
  if (results.length === 0 || failed) {
    throw new Error(`export failed: ${failed?.error?.stack ?? failed?.error ?? 'nothing exported'}`);
  }
  answer({ traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, exports: results.length });
});
