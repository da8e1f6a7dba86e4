import AddIcon from "@mui/icons-material/Add";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FormEvent,
} from "react";
import type { AvailableNumbers, InboxNumber } from "../../../common/api";
import { fieldError } from "../../api/ApiError";
import { smsSetupApi } from "../../api/smsInbox";
import { FormErrorAlert } from "../../components/FormErrorAlert";
import { useApi } from "../../hooks/useApi";
import { useSubmit } from "../../hooks/useSubmit";
import { NumberPicker } from "./NumberPicker";

interface AddNumberFormProps {
  existing: InboxNumber[];
  onAdded(): void;
}

/**
 * Adds an inbox number, picked from the Twilio account's numbers or typed
 * in when that list cannot be loaded or has no number left. The server
 * checks that the number belongs to the connected account and returns the
 * reason if it does not.
 */
export function AddNumberForm({ existing, onAdded }: AddNumberFormProps) {
  const available = useApi(
    useCallback(() => smsSetupApi.availableNumbers(), []),
  );
  const [phoneNumber, setPhoneNumber] = useState("");
  const { run, pending, error } = useSubmit();

  // The list is loaded again whenever the inbox's numbers change, so a
  // number just added leaves it and a number just removed comes back.
  const existingKey = existing
    .map((number) => number.phoneNumber)
    .sort()
    .join(",");
  const { reload } = available;
  const listedFor = useRef(existingKey);
  useEffect(() => {
    if (existingKey === listedFor.current) return;
    listedFor.current = existingKey;
    void reload();
  }, [existingKey, reload]);

  const addedNumbers = new Set(existing.map((number) => number.phoneNumber));
  const options = (available.data?.numbers ?? []).filter(
    (number) => !addedNumbers.has(number.phoneNumber),
  );
  const listMessage = available.data?.ok
    ? null
    : (available.data?.message ?? available.error?.message ?? null);
  const emptyListMessage =
    available.data?.ok && options.length === 0
      ? describeEmptyList(available.data)
      : null;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      await smsSetupApi.addNumber({ phoneNumber: phoneNumber.trim() });
      setPhoneNumber("");
      onAdded();
    });
  };

  return (
    <Stack component="form" spacing={2} onSubmit={handleSubmit} noValidate>
      <Typography variant="h3" component="h3">
        Add number
      </Typography>
      {listMessage && <Alert severity="warning">{listMessage}</Alert>}
      {emptyListMessage && (
        <Alert severity="info" role="status" aria-label="No numbers to add">
          {emptyListMessage}
        </Alert>
      )}
      <FormErrorAlert error={error} fields={["phoneNumber"]} />
      <Stack direction="row" spacing={1.5} sx={{ alignItems: "flex-start" }}>
        <NumberPicker
          options={listMessage ? [] : options}
          loading={available.loading}
          value={phoneNumber}
          onChange={setPhoneNumber}
          error={fieldError(error, "phoneNumber")}
        />
        <Button
          type="submit"
          variant="contained"
          startIcon={<AddIcon />}
          loading={pending}
          disabled={phoneNumber.trim() === ""}
          sx={{ flexShrink: 0, height: 56 }}
        >
          Add number
        </Button>
      </Stack>
    </Stack>
  );
}

/** Explains a loaded list with no number left to add. */
function describeEmptyList(available: AvailableNumbers): string {
  const reason =
    available.smsCapableCount === 0
      ? "Your connected Twilio account has no SMS-capable numbers."
      : "Every SMS-capable number on your connected Twilio account is already in the inbox.";

  return `${reason} A number you buy or port in the Twilio console is listed here the next time this page loads. You can also type it below.`;
}
