//! An example fixtext plugin in Rust, with no crates: `cjk-punctuation` turns the ASCII
//! marks `,` `;` `:` `?` `!` into their full-width forms `，` `；` `：` `？` `！` where they
//! follow a Chinese character, as Chinese typography wants ("你好,世界" → "你好，世界").
//! `3,5`, `http://` and `a, b` are left alone: what comes before them is not Chinese.
//!
//! Build:  rustc --edition 2021 --crate-type cdylib -O Plugins/Examples/RustPlugin/cjk_punctuation.rs \
//!             -o cjk-punctuation.so
//! Use:    fixtext --plugin ./cjk-punctuation.so -c 'normalize,cjk-punctuation' page.txt
//!         fixtext --plugin ./cjk-punctuation.so -c 'cjk-punctuation(marks=",?")' page.txt
//!
//! The types below mirror `Sources/CFixTextPlugin/include/fixtext_plugin.h` (ABI version 1)
//! field by field, with `#[repr(C)]`; the assertions at the end check their layout. Whether
//! a mark is converted depends on the character before it, which a chunk boundary may cut:
//! the state remembers whether the last character was Chinese, and a character cut off at
//! the end of a chunk is left unconsumed (at most 3 bytes, `max_held_bytes`), to be offered
//! again with the next chunk.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr;

// MARK: - The ABI, as in fixtext_plugin.h

const FIXTEXT_PLUGIN_ABI_VERSION: u32 = 1;
const FIXTEXT_PLUGIN_MESSAGE_CAPACITY: usize = 512;

#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq)]
#[allow(dead_code)]
enum Status {
    Ok = 0,
    Unchanged = 1,
    Error = 2,
}

#[repr(C)]
struct PluginOption {
    name: *const c_char,
    default_value: *const c_char,
    summary: *const c_char,
}

#[repr(C)]
struct PluginOptions {
    count: usize,
    names: *const *const c_char,
    values: *const *const c_char,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct Edit {
    input_start: usize,
    input_end: usize,
    output_start: usize,
    output_end: usize,
}

#[repr(C)]
struct Output {
    bytes: *const u8,
    length: usize,
    edits: *const Edit,
    edit_count: usize,
    context: *mut c_void,
}

#[repr(C)]
struct Plugin {
    abi_version: u32,
    struct_size: u32,
    name: *const c_char,
    summary: *const c_char,
    documentation: *const c_char,
    options: *const PluginOption,
    option_count: usize,
    max_held_bytes: usize,
    create: extern "C" fn(*const PluginOptions, *mut c_char) -> *mut c_void,
    transform: extern "C" fn(*mut c_void, *const u8, usize, c_int, *mut usize, *mut Output, *mut c_char) -> Status,
    release: Option<extern "C" fn(*mut c_void, *mut Output)>,
    destroy: extern "C" fn(*mut c_void),
    explain: Option<extern "C" fn(*mut c_void, *const Output, usize, *mut c_char)>,
}

/// The table and the option list hold raw pointers to static strings, which are never
/// written: safe to share between threads.
struct Shared<T>(T);
unsafe impl<T> Sync for Shared<T> {}

// MARK: - The plugin

/// The marks the plugin may convert, and their full-width forms.
const MARKS: [(u8, &str); 5] = [(b',', "，"), (b';', "；"), (b':', "："), (b'?', "？"), (b'!', "！")];

struct State {
    /// Which ASCII marks to convert.
    marks: [bool; 128],
    /// The last character consumed was Chinese.
    after_chinese: bool,
    /// The output of the last call, and its edits with the mark each one converted.
    output: Vec<u8>,
    edits: Vec<Edit>,
    edit_marks: Vec<u8>,
}

/// Writes `text` into the host's message buffer, cut to fit, NUL-terminated.
fn write_message(message: *mut c_char, text: &str) {
    if message.is_null() {
        return;
    }
    let mut length = text.len().min(FIXTEXT_PLUGIN_MESSAGE_CAPACITY - 1);
    while !text.is_char_boundary(length) {
        length -= 1;
    }
    unsafe {
        ptr::copy_nonoverlapping(text.as_ptr(), message as *mut u8, length);
        *message.add(length) = 0;
    }
}

extern "C" fn create(options: *const PluginOptions, message: *mut c_char) -> *mut c_void {
    let mut marks = [false; 128];
    for &(mark, _) in MARKS.iter() {
        marks[mark as usize] = true;
    }
    // Every declared option is passed, in declaration order: here only `marks`.
    let options = unsafe { &*options };
    for i in 0..options.count {
        let (name, value) = unsafe { (CStr::from_ptr(*options.names.add(i)), CStr::from_ptr(*options.values.add(i))) };
        if name.to_bytes() != b"marks" {
            continue;
        }
        marks = [false; 128];
        for &byte in value.to_bytes() {
            if !MARKS.iter().any(|&(mark, _)| mark == byte) {
                let shown = String::from_utf8_lossy(value.to_bytes());
                write_message(message, &format!("marks may hold only , ; : ? and !, not '{shown}'"));
                return ptr::null_mut();
            }
            marks[byte as usize] = true;
        }
    }
    let state = State { marks, after_chinese: false, output: Vec::new(), edits: Vec::new(), edit_marks: Vec::new() };
    Box::into_raw(Box::new(state)) as *mut c_void
}

/// How many bytes the character that `lead` starts has (1 for bytes that cannot start one).
fn sequence_length(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 1,
    }
}

/// Chinese characters: the CJK unified ideographs and their extensions, the compatibility
/// ideographs, and 〇.
fn is_chinese(scalar: u32) -> bool {
    matches!(scalar, 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

extern "C" fn transform(
    state: *mut c_void, input: *const u8, length: usize, is_last: c_int, consumed: *mut usize, output: *mut Output,
    _message: *mut c_char,
) -> Status {
    let state = unsafe { &mut *(state as *mut State) };
    let input: &[u8] = if length == 0 { &[] } else { unsafe { std::slice::from_raw_parts(input, length) } };
    state.output.clear();
    state.edits.clear();
    state.edit_marks.clear();
    let mut i = 0;
    while i < input.len() {
        let byte = input[i];
        if byte < 0x80 {
            if state.after_chinese && state.marks[byte as usize] {
                let wide = MARKS.iter().find(|&&(mark, _)| mark == byte).map(|&(_, wide)| wide).unwrap_or("");
                let start = state.output.len();
                state.output.extend_from_slice(wide.as_bytes());
                state.edits.push(Edit { input_start: i, input_end: i + 1, output_start: start, output_end: state.output.len() });
                state.edit_marks.push(byte);
            } else {
                state.output.push(byte);
            }
            state.after_chinese = false;
            i += 1;
            continue;
        }
        let needed = sequence_length(byte);
        if i + needed > input.len() && is_last == 0 {
            break; // cut off: offered again with the next chunk
        }
        // A valid character is decoded; bytes that are not UTF-8 pass through one by one.
        let end = (i + needed).min(input.len());
        match std::str::from_utf8(&input[i..end]).ok().and_then(|text| text.chars().next()) {
            Some(character) if needed > 1 => {
                state.after_chinese = is_chinese(character as u32);
                state.output.extend_from_slice(&input[i..end]);
                i = end;
            }
            _ => {
                state.after_chinese = false;
                state.output.push(byte);
                i += 1;
            }
        }
    }
    unsafe { *consumed = i };
    if state.edits.is_empty() {
        return Status::Unchanged; // the consumed bytes are the output: fixtext copies nothing
    }
    unsafe {
        *output = Output {
            bytes: state.output.as_ptr(),
            length: state.output.len(),
            edits: state.edits.as_ptr(),
            edit_count: state.edits.len(),
            context: ptr::null_mut(),
        };
    }
    Status::Ok
}

extern "C" fn explain(state: *mut c_void, _output: *const Output, index: usize, message: *mut c_char) {
    let state = unsafe { &*(state as *const State) };
    let Some(&mark) = state.edit_marks.get(index) else { return };
    let wide = MARKS.iter().find(|&&(m, _)| m == mark).map(|&(_, wide)| wide).unwrap_or("?");
    write_message(message, &format!("ASCII '{}' after a Chinese character → '{wide}'", mark as char));
}

extern "C" fn destroy(state: *mut c_void) {
    drop(unsafe { Box::from_raw(state as *mut State) });
}

static OPTIONS: Shared<[PluginOption; 1]> = Shared([PluginOption {
    name: c"marks".as_ptr(),
    default_value: c",;:?!".as_ptr(),
    summary: c"Which ASCII marks to convert, any of , ; : ? !".as_ptr(),
}]);

static PLUGIN: Shared<Plugin> = Shared(Plugin {
    abi_version: FIXTEXT_PLUGIN_ABI_VERSION,
    struct_size: std::mem::size_of::<Plugin>() as u32,
    name: c"cjk-punctuation".as_ptr(),
    summary: c"ASCII , ; : ? ! after a Chinese character become full-width (example Rust plugin)".as_ptr(),
    documentation: c"Example plugin from Plugins/Examples/RustPlugin.".as_ptr(),
    options: &OPTIONS.0 as *const PluginOption,
    option_count: 1,
    max_held_bytes: 3,
    create,
    transform,
    release: None, // the buffers are reused by the next call and freed by destroy
    destroy,
    explain: Some(explain),
});

#[unsafe(no_mangle)]
pub extern "C" fn fixtext_plugin_entry() -> *const c_void {
    &PLUGIN.0 as *const Plugin as *const c_void
}

// The layout of fixtext_plugin.h on 64-bit systems.
#[cfg(target_pointer_width = "64")]
const _: () = {
    assert!(std::mem::size_of::<Plugin>() == 96);
    assert!(std::mem::offset_of!(Plugin, create) == 56);
    assert!(std::mem::offset_of!(Plugin, explain) == 88);
    assert!(std::mem::size_of::<Output>() == 40);
    assert!(std::mem::size_of::<Edit>() == 32);
    assert!(std::mem::size_of::<Status>() == std::mem::size_of::<c_int>());
};
