/** Twilio's error code for an Account SID and auth token it does not accept. */
export const TWILIO_AUTHENTICATION_FAILED = 20003;
