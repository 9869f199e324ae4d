"""Key slots (``keys.json``): who can open the encrypted database, and with what.

Two random 256-bit keys protect a workspace: the database key (SQLCipher's raw key) and the
restricted-case key. Neither is derived from a passphrase; each slot holds them wrapped.

A slot is an X25519 key pair whose private key is wrapped with AES-256-GCM under the slot's KEK:

- user slot: KEK = HKDF-SHA256(Argon2id(passphrase, salt, params), salt=device secret or none,
  info="suluhu user kek v1|<slot id>"); the slot records its Argon2id params and whether it
  mixes in the per-installation device secret from the OS keyring;
- recovery slot: KEK = HKDF-SHA256(20 recovery bytes, salt, "suluhu recovery kek v1"). The
  recovery key has 160 random bits, so stretching adds nothing; it never uses the device secret.

The database key (per key generation) and, for granted users, the restricted key are sealed to
the slot's public key (ephemeral X25519 + HKDF + AES-256-GCM, AAD "...|<slot id>|db|<gen>" or
"...|<slot id>|restricted|"). Sealing to a public key lets an administrator grant restricted
access, reset a passphrase or re-key the database without knowing anyone else's passphrase.
Per slot and generation, an HMAC keyed by the database key binds the slot's public key: it
checks an unwrapped key, checks keys before they are sealed, and stops an outsider who edits the
file from getting a key sealed to a key pair of their own.

Slot ids are HMAC-SHA256(id_salt, NFC-casefolded username) in hex: the file names nobody, though
whoever holds it can test a guessed name. Every change is saved with write_private_atomic before
the method returns, replacing the whole file: after a crash the old or the new file is there.
Passphrases are NFC-normalised before the KDF, so the same words typed anywhere match.
A re-key keeps the old and new database keys in every slot until rekey_finish/rekey_abort.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from storage.files import write_private_atomic
from storage.recovery import RECOVERY_KEY_BYTES

FORMAT = "suluhu-keys"
VERSION = 1
KEY_BYTES = 32
RECOVERY_SLOT = "recovery"
_MAX_FILE_BYTES = 1 << 20


class KeyFileError(Exception):
    """A key-slot operation failed; ``str(error)`` is for the user and holds no secret."""


class KeyFileMissing(KeyFileError): ...


class KeyFileExists(KeyFileError): ...


class KeyFileDamaged(KeyFileError): ...


class KeyFileChanged(KeyFileError): ...


class WrongPassphrase(KeyFileError): ...


class WrongRecoveryKey(KeyFileError): ...


class DeviceSecretMissing(KeyFileError): ...


class UnknownUser(KeyFileError): ...


class UserExists(KeyFileError): ...


class KeysRefused(KeyFileError): ...  # wrong keys, no restricted key, a re-key in progress


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int


DEFAULT_KDF = KdfParams(memory_kib=65536, iterations=3, lanes=4)


@dataclass(frozen=True)
class Keys:
    """Unwrapped keys. During a re-key ``database_key`` is the new key and
    ``previous_database_key`` the old one: the opener tries them in that order."""

    database_key: bytes = field(repr=False)
    restricted_key: bytes | None = field(default=None, repr=False)
    previous_database_key: bytes | None = field(default=None, repr=False)

    def candidates(self) -> tuple[bytes, ...]:
        old = self.previous_database_key
        return (self.database_key,) if old is None else (self.database_key, old)

    def settled(self, database_key: bytes) -> Keys:
        """These keys once the opener knows which candidate opened the database."""
        if database_key not in self.candidates():
            raise ValueError("not one of the candidate database keys")
        return Keys(database_key, self.restricted_key)


@dataclass(frozen=True)
class _Slot:
    kind: str  # "user" | "recovery"
    salt: bytes
    kdf: KdfParams | None  # None for the recovery slot (HKDF only)
    device_secret: bool
    public_key: bytes = b""
    private_key: bytes = b""  # nonce | AES-GCM(KEK, X25519 private key)
    database: dict[int, bytes] = field(default_factory=dict)  # generation -> sealed key
    bindings: dict[int, bytes] = field(default_factory=dict)  # generation -> HMAC
    restricted: bytes | None = None  # sealed restricted-case key


@dataclass(frozen=True)
class _State:
    generation: int  # bumped by every save
    id_salt: bytes
    kdf: KdfParams  # for new user slots
    database_generation: int
    pending_generation: int | None
    restricted_check: bytes
    slots: dict[str, _Slot]


class KeyFile:
    """The slot file of one workspace; make one with ``create`` or ``load``."""

    def __init__(self, path: Path, state: _State) -> None:
        self.path = path
        self._state = state

    def __repr__(self) -> str:
        return f"KeyFile({str(self.path)!r}, generation={self._state.generation})"

    @classmethod
    def create(
        cls,
        path: Path,
        admin_username: str,
        passphrase: str,
        device_secret: bytes | None,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> tuple[KeyFile, Keys, bytes]:
        """A new file with one administrator (granted restricted access) and a recovery slot;
        returns it, the keys and the 20 recovery bytes to print. Never overwrites a file."""
        if path.exists():
            raise KeyFileExists(f"A key file already exists at {path}; it was left untouched.")
        keys = Keys(secrets.token_bytes(KEY_BYTES), secrets.token_bytes(KEY_BYTES))
        id_salt = secrets.token_bytes(32)
        check = _mac(keys.restricted_key or b"", "restricted check", id_salt)
        keyfile = cls(path, _State(0, id_salt, kdf, 1, None, check, {}))
        admin = keyfile._slot_id(admin_username)
        raw = secrets.token_bytes(RECOVERY_KEY_BYTES)
        keyfile._save_slots(
            {
                admin: keyfile._user_slot(admin, keys, passphrase, device_secret, True),
                RECOVERY_SLOT: keyfile._recovery_slot(keys, raw),
            }
        )
        return keyfile, keys, raw

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        return cls(path, _read(path))

    @property
    def generation(self) -> int:
        return self._state.generation

    # -- opening ---------------------------------------------------------------------------

    def unlock(self, username: str, passphrase: str, device_secret: bytes | None) -> Keys:
        """WrongPassphrase for an unknown user and a wrong passphrase alike (the KDF runs
        either way); DeviceSecretMissing when the slot needs the keyring secret."""
        slot_id = self._slot_id(username)
        slot = self._state.slots.get(slot_id)
        if slot is None or slot.kdf is None:
            _argon2(_text_bytes(passphrase), secrets.token_bytes(16), self._state.kdf)
            if device_secret is None and self.users_need_device_secret():
                raise _device_secret_missing()
            raise _wrong_passphrase()
        kek = _user_kek(slot_id, slot, passphrase, device_secret)
        if slot.device_secret and device_secret is None:
            raise _device_secret_missing()
        return self._open_slot(slot_id, slot, kek, _wrong_passphrase())

    def unlock_recovery(self, raw: bytes) -> Keys:
        """The keys behind the recovery sheet, restricted key included."""
        error = WrongRecoveryKey(
            "This recovery key does not open this workspace: it may belong to another "
            "workspace or to an older recovery sheet."
        )
        slot = self._state.slots[RECOVERY_SLOT]
        if len(raw) != RECOVERY_KEY_BYTES:
            raise error
        keys = self._open_slot(RECOVERY_SLOT, slot, _recovery_kek(raw, slot.salt), error)
        if keys.restricted_key is None:
            raise _damaged("the recovery slot has no restricted-case key")
        return keys

    def has_user(self, username: str) -> bool:
        return self._find(username) is not None

    def has_restricted(self, username: str) -> bool:
        slot = self._find(username)
        return slot is not None and slot.restricted is not None

    def user_count(self) -> int:
        return sum(slot.kind == "user" for slot in self._state.slots.values())

    def users_need_device_secret(self) -> bool:
        return any(slot.device_secret for slot in self._state.slots.values())

    def rekey_pending(self) -> bool:
        return self._state.pending_generation is not None

    # -- changes, each saved before the method returns -------------------------------------

    def add_user(
        self,
        keys: Keys,
        username: str,
        passphrase: str,
        device_secret: bytes | None,
        restricted: bool,
    ) -> None:
        self._check_keys(keys, restricted)
        if self.has_user(username):
            raise UserExists("A user with this name already exists.")
        slot_id = self._slot_id(username)
        slot = self._user_slot(slot_id, keys, passphrase, device_secret, restricted)
        self._save_slots({**self._state.slots, slot_id: slot})

    def set_passphrase(
        self, keys: Keys, username: str, new_passphrase: str, device_secret: bytes | None
    ) -> None:
        """Rewrite one user's slot (new key pair, salt and KEK), keeping their access."""
        slot_id, slot = self._user(username)
        granted = slot.restricted is not None
        self._check_keys(keys, granted)
        new = self._user_slot(slot_id, keys, new_passphrase, device_secret, granted)
        self._save_slots({**self._state.slots, slot_id: new})

    def remove_user(self, username: str) -> None:
        slot_id, _ = self._user(username)
        if self.user_count() == 1:
            raise KeysRefused("The last user cannot be removed.")
        self._save_slots({k: v for k, v in self._state.slots.items() if k != slot_id})

    def set_restricted(self, keys: Keys, username: str, allowed: bool) -> None:
        slot_id, slot = self._user(username)
        sealed = None
        if allowed:
            self._check_keys(keys, True)
            self._check_binding(slot_id, slot, keys.database_key, self._state.database_generation)
            assert keys.restricted_key is not None
            sealed = _seal(slot.public_key, keys.restricted_key, _aad(slot_id, "restricted"))
        self._save_slots({**self._state.slots, slot_id: replace(slot, restricted=sealed)})

    def new_recovery(self, keys: Keys) -> bytes:
        """Replace the recovery slot; returns its 20 bytes. The old sheet stops working."""
        self._check_keys(keys, True)
        raw = secrets.token_bytes(RECOVERY_KEY_BYTES)
        self._save_slots({**self._state.slots, RECOVERY_SLOT: self._recovery_slot(keys, raw)})
        return raw

    def rekey_begin(self, keys: Keys, new_database_key: bytes, drop: str | None = None) -> None:
        """Seal ``new_database_key`` into every slot beside the current one; with ``drop``,
        remove that user's slot in the same write (removing a user: their slot goes exactly
        when the new key arrives, never before the re-keyed copy exists)."""
        self._check_keys(keys, False)
        if len(new_database_key) != KEY_BYTES or new_database_key == keys.database_key:
            raise ValueError("the new database key must be 32 fresh random bytes")
        gen, new = self._state.database_generation, self._state.database_generation + 1
        dropped = None
        if drop is not None and self.has_user(drop):
            dropped, _ = self._user(drop)
            if self.user_count() == 1:
                raise KeysRefused("The last user cannot be removed.")
        slots = {}
        for slot_id, slot in self._state.slots.items():
            if slot_id == dropped:
                continue
            self._check_binding(slot_id, slot, keys.database_key, gen)
            sealed = _seal(slot.public_key, new_database_key, _aad(slot_id, "db", new))
            tag = _binding(new_database_key, slot_id, slot, new)
            slots[slot_id] = replace(
                slot, database={**slot.database, new: sealed}, bindings={**slot.bindings, new: tag}
            )
        self._save(replace(self._state, pending_generation=new, slots=slots))

    def rekey_finish(self) -> None:
        """The database now uses the new key: forget the old one."""
        self._settle(self._require_pending())

    def rekey_abort(self) -> None:
        """The database still uses the old key: forget the new one."""
        self._require_pending()
        self._settle(self._state.database_generation)

    # -- internals -------------------------------------------------------------------------

    def _slot_id(self, username: str) -> str:
        name = unicodedata.normalize("NFC", username).casefold().encode()
        return hmac.new(self._state.id_salt, name, hashlib.sha256).hexdigest()

    def _find(self, username: str) -> _Slot | None:
        slot = self._state.slots.get(self._slot_id(username))
        return slot if slot is not None and slot.kind == "user" else None

    def _user(self, username: str) -> tuple[str, _Slot]:
        slot = self._find(username)
        if slot is None:
            raise UnknownUser("There is no user with this name.")
        return self._slot_id(username), slot

    def _check_keys(self, keys: Keys, need_restricted: bool) -> None:
        if self._state.pending_generation is not None:
            raise KeysRefused("A database re-key is in progress; finish it first.")
        recovery = self._state.slots[RECOVERY_SLOT]
        gen = self._state.database_generation
        if not hmac.compare_digest(
            recovery.bindings[gen], _binding(keys.database_key, RECOVERY_SLOT, recovery, gen)
        ):
            raise KeysRefused("These keys do not belong to this workspace.")
        if need_restricted and not hmac.compare_digest(
            _mac(keys.restricted_key or b"", "restricted check", self._state.id_salt),
            self._state.restricted_check,
        ):
            raise KeysRefused("Only a user with access to restricted cases can do this.")

    def _check_binding(self, slot_id: str, slot: _Slot, database_key: bytes, gen: int) -> None:
        tag = slot.bindings.get(gen, b"")
        if not hmac.compare_digest(tag, _binding(database_key, slot_id, slot, gen)):
            raise _damaged("a key slot failed its integrity check")

    def _user_slot(
        self, slot_id: str, keys: Keys, passphrase: str, device_secret: bytes | None, grant: bool
    ) -> _Slot:
        if not passphrase:
            raise ValueError("a passphrase must not be empty")
        slot = _Slot("user", secrets.token_bytes(16), self._state.kdf, device_secret is not None)
        kek = _user_kek(slot_id, slot, passphrase, device_secret)
        return self._fill_slot(slot_id, slot, kek, keys, grant)

    def _recovery_slot(self, keys: Keys, raw: bytes) -> _Slot:
        slot = _Slot("recovery", secrets.token_bytes(16), None, False)
        return self._fill_slot(RECOVERY_SLOT, slot, _recovery_kek(raw, slot.salt), keys, True)

    def _fill_slot(self, slot_id: str, slot: _Slot, kek: bytes, keys: Keys, grant: bool) -> _Slot:
        private = X25519PrivateKey.generate()
        slot = replace(slot, public_key=private.public_key().public_bytes_raw())
        gen = self._state.database_generation
        restricted = None
        if grant:
            assert keys.restricted_key is not None
            restricted = _seal(slot.public_key, keys.restricted_key, _aad(slot_id, "restricted"))
        return replace(
            slot,
            private_key=_encrypt(kek, private.private_bytes_raw(), _aad(slot_id, "private")),
            database={gen: _seal(slot.public_key, keys.database_key, _aad(slot_id, "db", gen))},
            bindings={gen: _binding(keys.database_key, slot_id, slot, gen)},
            restricted=restricted,
        )

    def _open_slot(self, slot_id: str, slot: _Slot, kek: bytes, error: KeyFileError) -> Keys:
        aad = _aad(slot_id, "private")
        try:
            raw = AESGCM(kek).decrypt(slot.private_key[:12], slot.private_key[12:], aad)
        except InvalidTag:
            raise error from None
        private = X25519PrivateKey.from_private_bytes(raw)
        if private.public_key().public_bytes_raw() != slot.public_key:
            raise _damaged("a slot's public key was changed")
        try:
            found = {
                g: _unseal(private, box, _aad(slot_id, "db", g)) for g, box in slot.database.items()
            }
            restricted = None
            if slot.restricted is not None:
                restricted = _unseal(private, slot.restricted, _aad(slot_id, "restricted"))
        except InvalidTag:
            raise _damaged("a wrapped key in this slot does not decrypt") from None
        for gen, key in found.items():
            self._check_binding(slot_id, slot, key, gen)
        current = found[self._state.database_generation]
        pending = self._state.pending_generation
        if pending is None:
            return Keys(current, restricted)
        return Keys(found[pending], restricted, previous_database_key=current)

    def _require_pending(self) -> int:
        if self._state.pending_generation is None:
            raise KeysRefused("No database re-key is in progress.")
        return self._state.pending_generation

    def _settle(self, keep: int) -> None:
        slots = {
            slot_id: replace(
                s, database={keep: s.database[keep]}, bindings={keep: s.bindings[keep]}
            )
            for slot_id, s in self._state.slots.items()
        }
        state = replace(self._state, database_generation=keep, pending_generation=None)
        self._save(replace(state, slots=slots))

    def _save_slots(self, slots: dict[str, _Slot]) -> None:
        self._save(replace(self._state, slots=slots))

    def _save(self, state: _State) -> None:
        """Write ``state`` as the next generation, unless another program changed the file."""
        try:
            on_disk: int | None = _read(self.path).generation
        except (KeyFileMissing, KeyFileDamaged):
            on_disk = None  # nothing worth keeping there: our copy repairs it
        if on_disk is not None and on_disk != self._state.generation:
            raise KeyFileChanged(
                "The key file was changed by another program since it was opened; nothing "
                "was saved. Sign in again and repeat the change."
            )
        state = replace(state, generation=self._state.generation + 1)
        write_private_atomic(self.path, _encode(state))
        self._state = state


# -- primitives --------------------------------------------------------------------------------


def _argon2(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(secret)


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(hashes.SHA256(), KEY_BYTES, salt or None, info).derive(ikm)


def _text_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _user_kek(slot_id: str, slot: _Slot, passphrase: str, device_secret: bytes | None) -> bytes:
    assert slot.kdf is not None
    stretched = _argon2(_text_bytes(passphrase), slot.salt, slot.kdf)
    mix = (device_secret or b"") if slot.device_secret else b""
    return _hkdf(stretched, mix, b"suluhu user kek v1|" + slot_id.encode())


def _recovery_kek(raw: bytes, salt: bytes) -> bytes:
    return _hkdf(raw, salt, b"suluhu recovery kek v1")


def _aad(slot_id: str, purpose: str, generation: int | None = None) -> bytes:
    return f"suluhu-keys-v1|{slot_id}|{purpose}|{generation or ''}".encode()


def _encrypt(key: bytes, secret: bytes, aad: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(key).encrypt(nonce, secret, aad)


def _seal(public_key: bytes, secret: bytes, aad: bytes) -> bytes:
    """ephemeral public key | nonce | AES-GCM(HKDF(X25519(ephemeral, public_key)), secret)."""
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public_key))
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    key = _hkdf(shared, ephemeral_public + public_key, b"suluhu seal v1|" + aad)
    return ephemeral_public + _encrypt(key, secret, aad)


def _unseal(private: X25519PrivateKey, sealed: bytes, aad: bytes) -> bytes:
    ephemeral, nonce, ciphertext = sealed[:32], sealed[32:44], sealed[44:]
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    public = private.public_key().public_bytes_raw()
    key = _hkdf(shared, ephemeral + public, b"suluhu seal v1|" + aad)
    return AESGCM(key).decrypt(nonce, ciphertext, aad)


def _mac(key: bytes, label: str, message: bytes) -> bytes:
    subkey = _hkdf(key, b"", f"suluhu-keys mac|{label}".encode())
    return hmac.new(subkey, message, hashlib.sha256).digest()


def _binding(database_key: bytes, slot_id: str, slot: _Slot, gen: int) -> bytes:
    message = f"{slot_id}|{slot.kind}|{gen}|".encode() + slot.public_key
    return _mac(database_key, "slot binding", message)


def _wrong_passphrase() -> WrongPassphrase:
    return WrongPassphrase("The user name or passphrase is wrong.")


def _device_secret_missing() -> DeviceSecretMissing:
    return DeviceSecretMissing(
        "This workspace's secret in the system keyring is missing: sign in with the recovery "
        "key to set it up again."
    )


def _damaged(detail: str) -> KeyFileDamaged:
    return KeyFileDamaged(
        f"The key file is damaged ({detail}). Restore keys.json from a backup of the "
        "workspace folder."
    )


# -- the file format ---------------------------------------------------------------------------


def _encode(state: _State) -> bytes:
    def b64(data: bytes | None) -> str | None:
        return None if data is None else base64.b64encode(data).decode("ascii")

    def slot(s: _Slot) -> dict[str, object]:
        return {
            "kind": s.kind,
            "salt": b64(s.salt),
            "kdf": {"name": "argon2id", **asdict(s.kdf)} if s.kdf else {"name": "hkdf-sha256"},
            "device_secret": s.device_secret,
            "public_key": b64(s.public_key),
            "private_key": b64(s.private_key),
            "database": {str(g): b64(b) for g, b in s.database.items()},
            "bindings": {str(g): b64(t) for g, t in s.bindings.items()},
            "restricted": b64(s.restricted),
        }

    document = {
        "format": FORMAT,
        "version": VERSION,
        "generation": state.generation,
        "id_salt": b64(state.id_salt),
        "kdf": {"name": "argon2id", **asdict(state.kdf)},
        "database_generation": state.database_generation,
        "pending_generation": state.pending_generation,
        "restricted_check": b64(state.restricted_check),
        "slots": {slot_id: slot(s) for slot_id, s in state.slots.items()},
    }
    return json.dumps(document, indent=1, sort_keys=True).encode("utf-8")


def _read(path: Path) -> _State:
    try:
        with open(path, "rb") as stream:
            data = stream.read(_MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileMissing(
            f"The key file {path.name} is missing from the workspace folder {path.parent}; "
            "restore it from a backup."
        ) from None
    try:
        if len(data) > _MAX_FILE_BYTES:
            raise ValueError("far too large")
        document = json.loads(data)
        if _map(document)["format"] != FORMAT:
            raise _damaged("it is not a Suluhu key file")
        if document["version"] != VERSION:
            raise _damaged("it was written by a newer version of Suluhu")
        return _decode(document)
    except (ValueError, TypeError, KeyError) as error:
        if isinstance(error, KeyFileDamaged):
            raise
        raise _damaged("it is incomplete or garbled") from None


def _decode(doc: dict[str, object]) -> _State:
    slots = {}
    for slot_id, value in _map(doc["slots"]).items():
        s = _map(value)
        kind = s["kind"]
        if (kind == "recovery") != (slot_id == RECOVERY_SLOT) or kind not in ("user", "recovery"):
            raise ValueError("bad slot kind")
        slots[slot_id] = _Slot(
            kind=str(kind),
            salt=_b64(s["salt"], 16),
            kdf=_kdf(s["kdf"]) if kind == "user" else None,
            device_secret=_bool(s["device_secret"]),
            public_key=_b64(s["public_key"], 32),
            private_key=_b64(s["private_key"], 12 + 32 + 16),
            database=_by_generation(s["database"], 32 + 12 + 32 + 16),
            bindings=_by_generation(s["bindings"], 32),
            restricted=None if s["restricted"] is None else _b64(s["restricted"], 92),
        )
    pending = doc["pending_generation"]
    state = _State(
        generation=_int(doc["generation"]),
        id_salt=_b64(doc["id_salt"], 32),
        kdf=_kdf(doc["kdf"]),
        database_generation=_int(doc["database_generation"]),
        pending_generation=None if pending is None else _int(pending),
        restricted_check=_b64(doc["restricted_check"], 32),
        slots=slots,
    )
    generations = {state.database_generation, state.pending_generation} - {None}
    if any({*s.database} != generations or {*s.bindings} != generations for s in slots.values()):
        raise ValueError("key generations disagree")
    if RECOVERY_SLOT not in slots or len(slots) < 2:
        raise ValueError("a slot is missing")
    return state


def _map(value: object) -> dict[str, object]:
    if not isinstance(value, dict):
        raise TypeError("expected an object")
    return value


def _int(value: object, low: int = 0, high: int = 2**62) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError("expected a whole number in range")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _b64(value: object, size: int) -> bytes:
    if not isinstance(value, str):
        raise TypeError("expected base64 text")
    data = base64.b64decode(value, validate=True)  # binascii.Error is a ValueError
    if len(data) != size:
        raise ValueError("wrong length")
    return data


def _kdf(value: object) -> KdfParams:
    k = _map(value)
    if k["name"] != "argon2id":
        raise ValueError("unknown KDF")
    lanes = _int(k["lanes"], 1, 64)
    return KdfParams(_int(k["memory_kib"], 8 * lanes, 4 << 20), _int(k["iterations"], 1, 64), lanes)


def _by_generation(value: object, size: int) -> dict[int, bytes]:
    return {_int(int(g), 1): _b64(v, size) for g, v in _map(value).items()}
