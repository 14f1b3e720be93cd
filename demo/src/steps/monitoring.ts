import { request } from '../api-client';
import { apiUrlOf, type DemoStep } from '../demo';
import { summarizeMonitoring, type MonitoringSummaryInput } from '../monitoring-summary';

export const monitoringStep: DemoStep = {
  title: 'Monitoring',
  why: 'inputs and predictions against the training baseline, certainty, live accuracy.',
  async run(demo) {
    const base = apiUrlOf(demo);
    console.log(
      `   $ curl -H "Authorization: Bearer $OPERATIONS_TOKEN" -X GET ${base}/monitoring/   (summary; the full report is JSON)`,
    );
    const answer = await request(`${base}/monitoring/`, {
      headers: { authorization: `Bearer ${demo.config.tokens.operations}` },
    });
    if (answer.status !== 200) throw new Error(`GET /monitoring/ answered ${answer.status}: ${answer.text}`);
    for (const line of summarizeMonitoring(JSON.parse(answer.text) as MonitoringSummaryInput))
      console.log(`   ${line}`);
  },
};
