import type { PhoneNumberOutcome } from '../../phone'

/** Shared by index.tsx and index.h5.tsx (on H5, './index' resolves to the H5 file itself). */
export interface PhoneNumberButtonProps {
  /** A code for the server, or why the user should type the number by hand. */
  onResult(outcome: PhoneNumberOutcome): void
  disabled?: boolean
}

export const PHONE_BUTTON_TEXT = '一键填写微信手机号'
