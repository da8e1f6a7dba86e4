// The virtual phone: sends texts through the sandbox's inbound API and
// polls the conversation with the chosen business number every second.
const form = document.getElementById("compose");
const handsetInput = document.getElementById("handset");
const handsetList = document.getElementById("known-handsets");
const businessSelect = document.getElementById("business");
const bodyInput = document.getElementById("body");
const sendButton = form.querySelector("button[type=submit]");
const conversation = document.getElementById("conversation");
const delivery = document.getElementById("delivery");
const e164 = /^\+[1-9]\d{6,14}$/;
const params = new URLSearchParams(location.search);
let renderedThread = "";

async function getJson(url, options) {
  const response = await fetch(url, options);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || "HTTP " + response.status);

  return data;
}

async function loadNumbers() {
  const { numbers } = await getJson("/sandbox/api/numbers");
  const selected = businessSelect.value || params.get("number");
  businessSelect.replaceChildren(
    ...numbers.map((number) => {
      const label = number.friendlyName + " (" + number.phoneNumber + ")";
      return new Option(label, number.phoneNumber);
    }),
  );
  if (numbers.some((number) => number.phoneNumber === selected)) {
    businessSelect.value = selected;
  }
}

async function loadHandsets() {
  const { phoneNumbers } = await getJson("/sandbox/api/phones");
  handsetList.replaceChildren(
    ...phoneNumbers.map((phone) => new Option(phone)),
  );
}

async function refreshConversation() {
  const handset = handsetInput.value.trim();
  const business = businessSelect.value;
  if (!e164.test(handset) || !business) {
    renderThread([]);
    return;
  }

  const query = "?with=" + encodeURIComponent(business);
  const url =
    "/sandbox/api/phones/" + encodeURIComponent(handset) + "/messages" + query;
  const { messages } = await getJson(url);
  renderThread(messages);
}

function renderThread(messages) {
  const serialized = JSON.stringify(messages);
  if (serialized === renderedThread) return;

  renderedThread = serialized;
  if (messages.length === 0) {
    const empty = document.createElement("li");
    empty.className = "empty";
    empty.textContent = "No messages yet.";
    conversation.replaceChildren(empty);
    return;
  }

  conversation.replaceChildren(...messages.map(renderMessage));
  conversation.scrollTop = conversation.scrollHeight;
}

function renderMessage(message) {
  const item = document.createElement("li");
  item.className = message.sentByHandset ? "sent" : "received";
  const text = document.createElement("span");
  text.className = "text";
  text.textContent = [message.body, ...message.mediaUrls].join("\n");
  const meta = document.createElement("span");
  meta.className = "meta";
  const time = new Date(message.dateCreated).toLocaleTimeString();
  meta.textContent = message.sentByHandset
    ? "You · " + time
    : message.from + " · " + time + " · " + message.status;
  item.append(text, meta);

  return item;
}

function showDelivery(text, isError) {
  delivery.textContent = text;
  delivery.className = isError ? "error" : "";
}

function describeResult(result) {
  if (!result.webhook) return result.error;

  const status = "Delivered to webhook: " + result.webhook.status;
  return result.error ? status + ". " + result.error : status;
}

async function send(event) {
  event.preventDefault();
  const from = handsetInput.value.trim();
  if (!e164.test(from)) {
    showDelivery(
      "Write your phone number in E.164, such as +14155550199.",
      true,
    );
    return;
  }

  sendButton.disabled = true;
  showDelivery("Sending…", false);
  try {
    const result = await getJson("/sandbox/api/inbound", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        from,
        to: businessSelect.value,
        body: bodyInput.value,
      }),
    });
    showDelivery(describeResult(result), result.error !== null);
    bodyInput.value = "";
    await refreshConversation();
  } catch (error) {
    showDelivery("Not sent: " + error.message, true);
  } finally {
    sendButton.disabled = false;
  }
}

function poll(task, intervalMs) {
  const run = () => task().catch((error) => showDelivery(error.message, true));
  run();
  setInterval(run, intervalMs);
}

if (params.get("phone")) handsetInput.value = params.get("phone");
form.addEventListener("submit", send);
bodyInput.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) send(event);
});
handsetInput.addEventListener("change", refreshConversation);
businessSelect.addEventListener("change", refreshConversation);
poll(async () => {
  await loadNumbers();
  await loadHandsets();
}, 5000);
poll(refreshConversation, 1000);
