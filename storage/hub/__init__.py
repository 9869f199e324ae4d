"""The programme hub's store (docs/hub.md): anonymised exports of many committees in one
SQLCipher database of its own, with its own key slots and its own Alembic history."""
