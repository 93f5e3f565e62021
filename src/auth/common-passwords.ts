/**
 * Common passwords of 10+ characters (shorter ones already fail the length rule), lower-cased:
 * the top of public breach lists, plus the pinyin and keyboard patterns common in China.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '0123456789', '0987654321', '12345678910', '123456789a', 'a123456789', '1234567890a',
  'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwerty123456', '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5',
  '1qaz2wsx3edc', 'qazwsxedc123', 'zaq12wsxcde3', 'qweasdzxc123', 'asdfghjkl1', 'zxcvbnm123', 'asdfghjkl;',
  'password12', 'password123', 'password1234', 'password12345', 'passw0rd123', 'p@ssw0rd123', 'password!1',
  'iloveyou123', 'iloveyou1314', 'woaini1314', 'woaini520', 'woaini123456', '5201314520', '1314520520',
  'abc1234567', 'abcd123456', 'abcdefghij', 'abc123456789', 'aa12345678', 'a1234567890',
  'admin12345', 'admin123456', 'administrator', 'admin@12345', 'adminadmin', 'root123456',
  'letmein123', 'welcome123', 'welcome1234', 'changeme123', 'sunshine123', 'football123', 'baseball123',
  'princess123', 'dragon1234', 'monkey12345', 'superman123', 'trustno1234', 'master12345', 'shadow12345',
  '1111111111', '0000000000', '2222222222', '5555555555', '6666666666', '8888888888', '9999999999',
  '1234512345', '1122334455', '1231231234', '123123123123', '12344321', '147258369a', '1472583690',
  '123qweasdzxc', 'qwe123456789', '123456qwerty', 'qwertyuiop123', 'zhangwei123', 'wangwei123',
  'liu1234567', 'li123456789', 'caonima123', 'nihao123456', 'huawei1234', 'xiaomi1234', 'a5201314520',
  'zhize12345', 'zhizecrm123', 'crm1234567', 'crmadmin123', 'company123', 'changeit123',
]);
