import { Foundation1764115200000 } from './1764115200000-Foundation';
import { ProspectsCustomersVisits1764201600000 } from './1764201600000-ProspectsCustomersVisits';
import { ContractsTasks1764288000000 } from './1764288000000-ContractsTasks';
import { ReceivablesPaymentsJobs1764374400000 } from './1764374400000-ReceivablesPaymentsJobs';
import { KeyAccounts1764460800000 } from './1764460800000-KeyAccounts';
import { Complaints1764547200000 } from './1764547200000-Complaints';
import { ReportsWorkReports1764633600000 } from './1764633600000-ReportsWorkReports';
import { ListIndexes1764720000000 } from './1764720000000-ListIndexes';
import { Sessions1764806400000 } from './1764806400000-Sessions';
import { Imports1764893000000 } from './1764893000000-Imports';
import { Assignments1764979200000 } from './1764979200000-Assignments';
import { Targets1765065600000 } from './1765065600000-Targets';
import { Reviews1765152000000 } from './1765152000000-Reviews';
import { MarketInfo1765238400000 } from './1765238400000-MarketInfo';
import { Campaigns1765324800000 } from './1765324800000-Campaigns';
import { MeetingsTrainings1765411200000 } from './1765411200000-MeetingsTrainings';
import { DutyPolicy1765584000000 } from './1765584000000-DutyPolicy';
import { LoginThrottle1765627200000 } from './1765627200000-LoginThrottle';
import { ReadIndexes1765670400000 } from './1765670400000-ReadIndexes';
import { Attachments1765843200000 } from './1765843200000-Attachments';
import { Notifications1765929600000 } from './1765929600000-Notifications';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [
  Foundation1764115200000,
  ProspectsCustomersVisits1764201600000,
  ContractsTasks1764288000000,
  ReceivablesPaymentsJobs1764374400000,
  KeyAccounts1764460800000,
  Complaints1764547200000,
  ReportsWorkReports1764633600000,
  ListIndexes1764720000000,
  Sessions1764806400000,
  Imports1764893000000,
  Assignments1764979200000,
  Targets1765065600000,
  Reviews1765152000000,
  MarketInfo1765238400000,
  Campaigns1765324800000,
  MeetingsTrainings1765411200000,
  DutyPolicy1765584000000,
  LoginThrottle1765627200000,
  ReadIndexes1765670400000,
  Attachments1765843200000,
  Notifications1765929600000,
];
