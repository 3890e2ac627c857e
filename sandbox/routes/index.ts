import type { Route } from '../router';
import { automationRoutes } from './automation';
import { businessRoutes } from './businesses';
import { calendarRoutes } from './calendars';
import { contactRoutes } from './contacts';
import { customFieldRoutes } from './custom_fields';
import { eventRoutes } from './events';
import { formRoutes } from './forms';
import { locationRoutes } from './locations';
import { noteRoutes } from './notes';
import { oauthRoutes } from './oauth';
import { opportunityRoutes } from './opportunities';
import { pipelineRoutes } from './pipelines';
import { searchRoutes } from './search';
import { tagRoutes } from './tags';
import { taskRoutes } from './tasks';
import { userRoutes } from './users';

export const allRoutes: Route[] = [
  ...oauthRoutes,
  ...contactRoutes,
  ...searchRoutes,
  ...tagRoutes,
  ...taskRoutes,
  ...noteRoutes,
  ...calendarRoutes,
  ...eventRoutes,
  ...locationRoutes,
  ...customFieldRoutes,
  ...userRoutes,
  ...businessRoutes,
  ...pipelineRoutes,
  ...opportunityRoutes,
  ...automationRoutes,
  ...formRoutes,
];
