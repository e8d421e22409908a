#!/bin/sh
# Registers Style Shepherd's Temporal namespace and the custom search attributes its workflows set
# (CheckoutSearchAttributes.ALL; SearchAttributeManifestTest keeps this list in step with the code).
# Safe to run again: what exists is left as it is. Runs in the temporalio/admin-tools image (the
# `temporal` CLI), as the Kubernetes Job temporal-setup and as the compose stack's temporal-setup service.
#
# Environment: TEMPORAL_ADDRESS (host:port of the frontend), TEMPORAL_NAMESPACE,
# TEMPORAL_NAMESPACE_RETENTION (default 30d). For a frontend with TLS, the CLI's own TEMPORAL_TLS_* variables.
set -eu

: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS}"
: "${TEMPORAL_NAMESPACE:?set TEMPORAL_NAMESPACE}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-30d}"

# name=type, as CheckoutSearchAttributes declares them.
SEARCH_ATTRIBUTES="CheckoutStatus=Keyword ShopperId=Keyword CheckoutTotal=Double CheckoutId=Keyword OrderId=Keyword OrderStatus=Keyword ShipmentStuck=Bool"

attempts=0
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do
    attempts=$((attempts + 1))
    if [ "$attempts" -ge 90 ]; then
        echo "Temporal at $TEMPORAL_ADDRESS did not become healthy" >&2
        exit 1
    fi
    echo "waiting for Temporal at $TEMPORAL_ADDRESS"
    sleep 2
done

if temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1; then
    echo "namespace $TEMPORAL_NAMESPACE exists"
else
    temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" \
        --retention "$RETENTION" --description "Style Shepherd: checkout, conversations, catalog, models"
    echo "namespace $TEMPORAL_NAMESPACE created (retention $RETENTION)"
fi

existing=$(temporal operator search-attribute list --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE")
for attribute in $SEARCH_ATTRIBUTES; do
    name="${attribute%%=*}"
    type="${attribute#*=}"
    if printf '%s\n' "$existing" | grep -qw "$name"; then
        echo "search attribute $name exists"
    else
        temporal operator search-attribute create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" \
            --name "$name" --type "$type"
        echo "search attribute $name ($type) created"
    fi
done
