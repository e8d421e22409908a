"""Ops in the Temporal UI, in headless Chromium, on the UI that the dev stack serves (namespace default).

Three checkouts are made through the HTTP API: one COMPLETED, one declined (CANCELLED after a 5 s
payment retry window) and one waiting for 3-D Secure (a stand-in for a stuck one). The tests then do
what docs/operations.md tells ops to do, and take the screenshots that page shows (docs/images/).
"""

import hashlib
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

SHOPPER = "ada"
NAMESPACE = "default"
# The saga's steps as the UI names them: the run records itself (its cart was priced when the api opened
# the checkout), return risk (signals, the model on the gpu queue, recording it), reserve stock, pay, place
# the order. BeginRun, the risk signals and records and ReserveStock are local activities (MarkerRecorded
# events); the others are ActivityTask* events.
SAGA = ["BeginRun", "CollectReturnRiskSignals", "AssessReturnRisk", "RecordReturnRisk", "ReserveStock",
        "ChargePayment", "PlaceOrder"]
COMPENSATIONS = ["VoidPayment", "ReleaseStock"]
SETTLE_S = 90
# Created by the workers at start: the stock-hold expiry sweep (regular worker), model training (gpu worker).
SCHEDULES = ["stock-hold-sweep", "model-training"]


@dataclass
class Checkout:
    key: str
    checkout_id: str
    workflow_id: str
    total: float = 0.0


def workflow_id(user_id, idempotency_key):
    """checkout-{first 16 hex digits of SHA-256(user id)}.{Idempotency-Key} (docs/operations.md)."""
    return f"checkout-{hashlib.sha256(user_id.encode()).hexdigest()[:16]}.{idempotency_key}"


@pytest.fixture(scope="session")
def checkouts(dev_stack):
    shopper = dev_stack.token(SHOPPER, ["shopper"])
    ops = dev_stack.token("ops1", ["ops"])
    _, listing = dev_stack.request("GET", "/api/products?inStock=true&size=M&pageSize=50")
    product = next(p for p in listing["items"]
                   if any(s["size"] == "M" and s["stock"] >= 3 for s in p["sizes"]))

    def start(key, payment_method):
        _, body = dev_stack.request("POST", "/api/checkouts", {
            "items": [{"productId": product["id"], "size": "M", "quantity": 1}],
            "paymentMethod": payment_method,
            "shippingAddress": {"name": "Ada", "line1": "1 Loom St", "city": "London", "postalCode": "N1 9GU",
                                "country": "GB"},
        }, shopper, {"Idempotency-Key": key})
        return Checkout(key, body["checkoutId"], workflow_id(SHOPPER, key))

    made = {
        "completed": start("ada-order-1001", "pm_card_visa"),
        "declined": start("ada-order-1002", "pm_card_chargeDeclined"),
        "stuck": start("ada-order-1003", "pm_card_threeDSecure2Required"),
    }
    for name, status in (("completed", "COMPLETED"), ("stuck", "PAYMENT_ACTION_REQUIRED"), ("declined", "CANCELLED")):
        made[name].total = float(await_checkout(dev_stack, made[name], status, shopper)["total"])
    # The ops list reads Temporal visibility: once it lists both closed checkouts, so can the UI.
    for status, checkout in (("COMPLETED", made["completed"]), ("CANCELLED", made["declined"])):
        await_listed(dev_stack, ops, status, checkout)
    return made


def await_checkout(stack, checkout, status, token):
    deadline = time.monotonic() + SETTLE_S
    while True:
        _, body = stack.request("GET", f"/api/checkouts/{checkout.checkout_id}", token=token)
        if body["status"] == status:
            return body
        assert time.monotonic() < deadline, f"{checkout} is {body['status']}, not {status}, after {SETTLE_S} s"
        time.sleep(0.5)


def await_listed(stack, ops, status, checkout):
    deadline = time.monotonic() + SETTLE_S
    while True:
        _, body = stack.request("GET", f"/api/ops/checkouts?status={status}&shopperId={SHOPPER}", token=ops)
        ids = {item["checkoutId"]: item["workflowId"] for item in body["items"]}
        if checkout.checkout_id in ids:
            assert ids[checkout.checkout_id] == checkout.workflow_id, body
            return
        assert time.monotonic() < deadline, f"{checkout} not in the {status} ops list after {SETTLE_S} s: {body}"
        time.sleep(0.5)


def search(page, ui, query):
    """Types a List Filter query into the workflows page's query box, as ops do, and runs it."""
    page.goto(f"{ui}/namespaces/{NAMESPACE}/workflows", wait_until="load")
    box = page.get_by_test_id("manual-search-input")
    if not box.is_visible():
        page.get_by_test_id("toggle-manual-query").click()
    box.fill(query)
    page.get_by_test_id("manual-search-button").click()
    # The query becomes part of the page's address (/workflows?query=...), which ops can bookmark or share.
    page.wait_for_url(re.compile(r"[?&]query="))


def workflow_link(page, checkout):
    return page.get_by_role("link", name=checkout.workflow_id, exact=True)


def expect_listed(page, present, absent=()):
    for checkout in present:
        expect(workflow_link(page, checkout)).to_be_visible()
    for checkout in absent:
        expect(workflow_link(page, checkout)).to_have_count(0)


def expect_history(page, checkout, status, names):
    heading = page.get_by_test_id("workflow-id-heading")
    expect(heading).to_contain_text(checkout.workflow_id)
    # The status badge sits beside the heading.
    expect(heading.locator("xpath=../..")).to_contain_text(status)
    expect(page.get_by_role("heading", name="Event History")).to_be_visible()
    for name in names:
        expect(page.get_by_text(name, exact=True).first).to_be_visible()


def screenshot(page, path, height=None):
    """A history page is taller: its event history's timeline starts below the input and result."""
    if height:
        page.set_viewport_size({"width": 1440, "height": height})
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1440, "height": 900})


def history_url(ui, checkout):
    return re.compile(rf"{re.escape(ui)}/namespaces/{NAMESPACE}/workflows/{re.escape(checkout.workflow_id)}/[0-9a-f-]+/history")


def test_finds_a_checkout_by_workflow_id_and_sees_the_saga_in_its_history(dev_stack, checkouts, page, screenshots):
    completed = checkouts["completed"]
    search(page, dev_stack.ui, f'WorkflowId="{completed.workflow_id}"')
    expect_listed(page, [completed], [checkouts["declined"], checkouts["stuck"]])

    workflow_link(page, completed).click()
    page.wait_for_url(history_url(dev_stack.ui, completed))
    expect_history(page, completed, "Completed", SAGA)
    expect(page.get_by_text("CheckoutWorkflow", exact=True).first).to_be_visible()
    screenshot(page, screenshots / "temporal-ui-workflow-history.png", height=1250)

    # The address ops bookmark: the workflow id alone opens its latest run's history.
    page.goto(f"{dev_stack.ui}/namespaces/{NAMESPACE}/workflows/{completed.workflow_id}", wait_until="load")
    page.wait_for_url(history_url(dev_stack.ui, completed))
    expect_history(page, completed, "Completed", ["PlaceOrder"])


def test_finds_the_declined_checkout_by_search_attribute_query(dev_stack, checkouts, page, screenshots):
    completed, declined, stuck = checkouts["completed"], checkouts["declined"], checkouts["stuck"]
    search(page, dev_stack.ui, 'CheckoutStatus="CANCELLED"')
    expect_listed(page, [declined], [completed, stuck])
    screenshot(page, screenshots / "temporal-ui-search-cancelled.png")

    # The run ended as failed (CheckoutCancelled); the saga undid the reservation and the payment intent.
    workflow_link(page, declined).click()
    page.wait_for_url(history_url(dev_stack.ui, declined))
    expect_history(page, declined, "Failed", ["ChargePayment", *COMPENSATIONS, "CloseCheckout"])
    expect(page.get_by_text("Checkout CANCELLED: PAYMENT_DECLINED").first).to_be_visible()
    screenshot(page, screenshots / "temporal-ui-declined-history.png", height=1250)

    # The other attributes: a shopper's checkouts above an amount, and the api's checkout id.
    search(page, dev_stack.ui, f'ShopperId="{SHOPPER}" AND CheckoutTotal >= {completed.total}')
    expect_listed(page, [completed, declined, stuck])
    search(page, dev_stack.ui, f'CheckoutId="{declined.checkout_id}"')
    expect_listed(page, [declined], [completed, stuck])


def test_finds_a_stuck_checkout_and_cancels_it_so_the_saga_compensates(dev_stack, checkouts, page, screenshots):
    completed, stuck = checkouts["completed"], checkouts["stuck"]
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    # Stuck = still running and started before a point in time (ops use now minus 15 minutes).
    search(page, dev_stack.ui,
           f'WorkflowType="CheckoutWorkflow" AND ExecutionStatus="Running" AND StartTime < "{now}"')
    expect_listed(page, [stuck], [completed, checkouts["declined"]])
    screenshot(page, screenshots / "temporal-ui-search-stuck.png")

    workflow_link(page, stuck).click()
    page.wait_for_url(history_url(dev_stack.ui, stuck))
    expect_history(page, stuck, "Running", ["ChargePayment"])
    page.get_by_role("button", name="Request Cancellation").click()
    page.get_by_test_id("cancel-confirmation-modal").get_by_role("button", name="Confirm").click()
    expect_history(page, stuck, "Canceled", COMPENSATIONS)
    screenshot(page, screenshots / "temporal-ui-cancelled-by-ops.png", height=1250)

    ops = dev_stack.token("ops1", ["ops"])
    body = await_checkout(dev_stack, stuck, "CANCELLED", ops)
    assert body["failureReason"] == "CANCELLED_BY_OPS", body


def test_pauses_a_schedule_in_the_ui(dev_stack, page, screenshots):
    # Periodic work runs as Temporal Schedules; workflows cannot be paused, schedules can.
    page.goto(f"{dev_stack.ui}/namespaces/{NAMESPACE}/schedules", wait_until="load")
    for schedule in SCHEDULES:
        expect(page.get_by_role("link", name=schedule, exact=True)).to_be_visible()
    page.get_by_role("link", name="stock-hold-sweep", exact=True).click()
    page.wait_for_url(f"{dev_stack.ui}/namespaces/{NAMESPACE}/schedules/stock-hold-sweep")
    page.get_by_role("button", name="Pause", exact=True).click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_test_id("pause-reason").fill("Paused by ops: stock audit")
    dialog.get_by_test_id("confirm-modal-button").click()
    expect(page.get_by_role("button", name="Unpause", exact=True)).to_be_visible()
    expect(page.get_by_text("Paused by ops: stock audit").first).to_be_visible()
    screenshot(page, screenshots / "temporal-ui-schedule-paused.png")
    # The server agrees.
    described = json.loads(subprocess.run(
        [os.environ["STYLESHEPHERD_TEMPORAL_CLI"], "schedule", "describe", "--schedule-id", "stock-hold-sweep",
         "--address", dev_stack.temporal, "--namespace", NAMESPACE, "--output", "json"],
        capture_output=True, text=True, check=True, timeout=30).stdout)
    assert described["schedule"]["state"]["paused"] is True, described["schedule"]["state"]

    page.get_by_role("button", name="Unpause", exact=True).click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input").fill("Stock audit done")
    dialog.get_by_test_id("confirm-modal-button").click()
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
