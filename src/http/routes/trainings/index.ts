/** The `/v1/trainings` resource: one file per verb, mounted here. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { type AppEnv, type Gateway } from '../../app-types.ts';
import { jobActionRoutes } from './actions.ts';
import { applyRoute } from './apply.ts';
import { artifactRoutes } from './artifacts.ts';
import { checkpointsRoute } from './checkpoints.ts';
import { createTrainingRoute } from './create.ts';
import { deleteTrainingRoute } from './delete.ts';
import { getTrainingRoute } from './get.ts';
import { listTrainingsRoute } from './list.ts';
import { patchTrainingRoute } from './patch.ts';

export function trainingRoutes(gw: Gateway) {
  const app = new OpenAPIHono<AppEnv>();
  for (const routes of [
    createTrainingRoute(gw),
    listTrainingsRoute(gw),
    getTrainingRoute(gw),
    patchTrainingRoute(gw),
    deleteTrainingRoute(gw),
    jobActionRoutes(gw),
    checkpointsRoute(gw),
    artifactRoutes(gw),
    applyRoute(gw),
  ]) {
    app.route('/', routes);
  }
  return app;
}
