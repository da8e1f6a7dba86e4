import AddIcon from "@mui/icons-material/Add";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useCallback, useState, type FormEvent } from "react";
import type { InboxNumber } from "../../../common/api";
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
 * in when that list cannot be loaded. The server checks that the number
 * belongs to the connected account and returns the reason if it does not.
 */
export function AddNumberForm({ existing, onAdded }: AddNumberFormProps) {
  const available = useApi(
    useCallback(() => smsSetupApi.availableNumbers(), []),
  );
  const [phoneNumber, setPhoneNumber] = useState("");
  const { run, pending, error } = useSubmit();

  const addedNumbers = new Set(existing.map((number) => number.phoneNumber));
  const options = (available.data?.numbers ?? []).filter(
    (number) => !addedNumbers.has(number.phoneNumber),
  );
  const listMessage = available.data?.ok
    ? null
    : (available.data?.message ?? available.error?.message ?? null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      await smsSetupApi.addNumber({ phoneNumber: phoneNumber.trim() });
      setPhoneNumber("");
      onAdded();
      await available.reload();
    });
  };

  return (
    <Stack component="form" spacing={2} onSubmit={handleSubmit} noValidate>
      <Typography variant="h3" component="h3">
        Add number
      </Typography>
      {listMessage && (
        <Alert severity="warning">
          {listMessage} Type the number instead, in E.164 format such as
          +14155550100.
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
