import { AddTagAction } from './add-tag.action.js';
import { AssignResponsibleAction } from './assign-responsible.action.js';
import { CreateTaskAction } from './create-task.action.js';
import { MoveStageAction } from './move-stage.action.js';
import { NotifyAction } from './notify.action.js';
import { SendTemplateAction } from './send-template.action.js';

/** The actions automation ships; another domain's action is one file plus one line in its own module's providers. */
export const AUTOMATION_ACTIONS = [
  CreateTaskAction,
  NotifyAction,
  SendTemplateAction,
  MoveStageAction,
  AssignResponsibleAction,
  AddTagAction,
];
