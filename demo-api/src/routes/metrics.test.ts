import request from 'supertest';
import { drawing } from '../__tests__/images';
import { createTestApi, type TestApi } from '../__tests__/test-api';

describe('GET /metrics', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
    const png = await drawing();
    await request(api.app).post('/predict/').attach('image', png, 'a.png').expect(200);
    await request(api.app).post('/predict').attach('image', Buffer.from('x'), 'a.png').expect(415);
    await api.promote('v2');
  });
  afterAll(() => api.close());

  it('when scraped, then Prometheus text with HTTP, prediction, model and process metrics', async () => {
    const res = await request(api.app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/predict\/",status="200"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/predict\/",status="415"\} 1/);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/predict\/",status="200"\}/,
    );
    expect(text).toMatch(/predictions_total\{model_version="v1",class="\d"\} 1/);
    expect(text).toMatch(/model_inference_duration_seconds_count\{model_version="v1"\} 1/);
    expect(text).toMatch(/prediction_queue_wait_seconds_count 1/);
    expect(text).toMatch(/prediction_batch_size_sum 1/);
    expect(text).toMatch(/model_load_events_total\{outcome="loaded"\} 2/);
    expect(text).toMatch(/model_swaps_total 1/);
    expect(text).toMatch(/model_serving_info\{model_version="v2"\} 1/);
    expect(text).not.toMatch(/model_serving_info\{model_version="v1"\}/);
    expect(text).toMatch(/process_cpu_seconds_total/);
  });

  it('when an unknown path is hit, then its route label stays bounded', async () => {
    await request(api.app).get('/random/path/123').expect(404);
    const res = await request(api.app).get('/metrics').expect(200);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
  });
});
