import { apiUrlOf, type DemoStep } from '../demo';

export const whereToLookStep: DemoStep = {
  title: 'Where to look',
  async run(demo) {
    const base = apiUrlOf(demo);
    const { tokens } = demo.config;
    console.log(`   MLflow UI:       ${demo.trackingUri}`);
    console.log(`   API docs:        ${base}/docs`);
    console.log(`   Metrics:         ${base}/metrics  (with the operations token)`);
    console.log(`   Tokens:          OPERATIONS_TOKEN=${tokens.operations}`);
    console.log(`                    FEEDBACK_TOKEN=${tokens.feedback}`);
    console.log(
      '   Notebook:        npm run notebook  (Jupyter with the TypeScript kernel, data-science/train.ipynb)',
    );
  },
};
