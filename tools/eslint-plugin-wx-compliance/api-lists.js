// @ts-check
/**
 * The API lists behind the project's ESLint rules (see ../../docs/compliance-rules.md §G and
 * WeChat's list of privacy interfaces). Only src/services/privacy/ may use PRIVACY_APIS;
 * RETIRED_APIS may not be used anywhere.
 */

/** WeChat APIs that read personal data, ask for authorization, or drive the privacy agreement. */
const PRIVACY_APIS = new Set([
  // location
  'getFuzzyLocation', 'chooseLocation', 'choosePoi', 'getLocation', 'startLocationUpdate', 'startLocationUpdateBackground',
  'onLocationChange', 'offLocationChange', 'onLocationChangeError', 'offLocationChangeError', 'stopLocationUpdate',
  // address and invoice
  'chooseAddress', 'chooseInvoice', 'chooseInvoiceTitle',
  // phone, profile
  'getPhoneNumber', 'getUserProfile', 'getUserInfo',
  // media, camera, microphone
  'chooseMedia', 'chooseImage', 'chooseVideo', 'chooseMessageFile', 'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum',
  'startRecord', 'getRecorderManager', 'createCameraContext', 'joinVoIPChat',
  // clipboard
  'getClipboardData', 'setClipboardData',
  // contacts, calendar, werun, bluetooth
  'addPhoneContact', 'chooseContact', 'addPhoneCalendar', 'addPhoneRepeatCalendar', 'getWeRunData',
  'openBluetoothAdapter', 'createBLEPeripheralServer',
  // subscribe messages
  'requestSubscribeMessage',
  // login and authorization
  'login', 'checkSession', 'authorize', 'openSetting', 'getSetting',
  // the privacy agreement itself
  'getPrivacySetting', 'onNeedPrivacyAuthorization', 'requirePrivacyAuthorize', 'openPrivacyContract',
])

/** Retired or forbidden everywhere, with the reason shown in the lint message. */
const RETIRED_APIS = new Map([
  ['getUserProfile', 'getUserProfile is retired: use <Button openType="chooseAvatar"> and <Input type="nickname"> (WX-PROFILE-1)'],
  ['getUserInfo', 'getUserInfo no longer returns profile data: use chooseAvatar / nickname input (WX-PROFILE-1)'],
  ['getLocation', 'precise location is not used: use getFuzzyLocation through the privacy service (WX-LOC-1)'],
  ['startLocationUpdate', 'continuous precise location is not used: use getFuzzyLocation (WX-LOC-1)'],
  ['startLocationUpdateBackground', 'background location is not used: use getFuzzyLocation (WX-LOC-1)'],
  ['onLocationChange', 'location updates are not used: use getFuzzyLocation (WX-LOC-1)'],
])

/** Button open-types that collect personal data or drive the privacy agreement. */
const PRIVACY_OPEN_TYPES = new Set([
  'getPhoneNumber', 'getRealtimePhoneNumber', 'chooseAvatar', 'agreePrivacyAuthorization', 'getUserInfo', 'openSetting',
])

/** WeChat's payment APIs: only the payment adapter (src/services/payment/) calls them. */
const PAYMENT_APIS = new Set(['requestPayment', 'requestOrderPayment', 'requestPluginPayment', 'requestVirtualPayment'])

module.exports = { PRIVACY_APIS, RETIRED_APIS, PRIVACY_OPEN_TYPES, PAYMENT_APIS }
